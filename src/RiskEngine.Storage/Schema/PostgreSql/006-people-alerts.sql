-- People, generated secrets and alerts: the same tables as in Schema/Sqlite/signals.sql. Times here are unix
-- milliseconds (bigint) like the SQLite columns, so one set of statements serves both stores.

CREATE TABLE IF NOT EXISTS app_user (
    user_name      text    COLLATE "C" PRIMARY KEY,   -- lower-cased
    display_name   text    NOT NULL,
    password_hash  text    NOT NULL,
    role           text    NOT NULL,
    districts      text    NOT NULL,                  -- comma-separated codes, '' = the whole city
    created_at     bigint  NOT NULL,
    updated_at     bigint  NOT NULL
);

CREATE TABLE IF NOT EXISTS engine_secret (
    name        text    COLLATE "C" PRIMARY KEY,
    value       text    NOT NULL,
    created_at  bigint  NOT NULL
);

CREATE TABLE IF NOT EXISTS alert (
    id               text    COLLATE "C" PRIMARY KEY,
    rule             text    COLLATE "C" NOT NULL,
    subject_id       text    COLLATE "C" NOT NULL,
    subject_kind     integer NOT NULL,
    subject_name     text,
    district         text    COLLATE "C" NOT NULL,
    level            text    NOT NULL,
    state            text    NOT NULL,
    score            double precision NOT NULL,
    opened_at        bigint  NOT NULL,
    last_seen_at     bigint  NOT NULL,
    occurrences      integer NOT NULL,
    acknowledged_by  text,
    acknowledged_at  bigint,
    assignee         text,
    resolved_by      text,
    resolved_at      bigint,
    escalations      integer NOT NULL,
    last_note        text,
    below_since      bigint,
    last_trigger_seq bigint  NOT NULL,
    version          bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_district_state ON alert (district, state, opened_at);

CREATE TABLE IF NOT EXISTS alert_audit (
    id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id    text    COLLATE "C" NOT NULL,
    at          bigint  NOT NULL,
    actor       text    NOT NULL,
    action      text    NOT NULL,
    from_state  text,
    to_state    text    NOT NULL,
    level       text    NOT NULL,
    note        text
);
CREATE INDEX IF NOT EXISTS alert_audit_alert ON alert_audit (alert_id, id);
