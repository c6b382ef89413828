-- RiskEngine embedded store: the signal log, the subject directory and engine bookkeeping.
-- Idempotent: run at every start.

-- The source of truth. AUTOINCREMENT so a sequence number is never reused, even after a delete.
CREATE TABLE IF NOT EXISTS signal_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    source        TEXT    NOT NULL,
    source_id     TEXT    NOT NULL,
    subject_kind  INTEGER NOT NULL,          -- 0 entity, 1 equipment
    subject_id    TEXT    NOT NULL,
    kind          TEXT    NOT NULL,          -- wire name of the signal kind
    occurred_at   INTEGER NOT NULL,          -- unix milliseconds, UTC
    ingested_at   INTEGER NOT NULL,          -- unix milliseconds, UTC
    data          TEXT    NOT NULL,          -- canonical JSON of the signal's facts
    CONSTRAINT signal_log_identity UNIQUE (source, source_id)
);
CREATE INDEX IF NOT EXISTS signal_log_subject ON signal_log (subject_id, seq);

-- Every subject the engine knows: registered ones and those first seen in a signal.
CREATE TABLE IF NOT EXISTS subject (
    id                 TEXT    PRIMARY KEY,
    kind               INTEGER NOT NULL,     -- 0 entity, 1 equipment
    district           TEXT    NOT NULL,
    registered         INTEGER NOT NULL DEFAULT 0,
    name               TEXT,
    industry           TEXT,
    credit_class       TEXT,
    owner              TEXT,
    equipment_class    INTEGER,
    next_due           TEXT,                 -- yyyy-MM-dd: next periodic inspection
    next_due_from      INTEGER,              -- event time (unix ms) of the inspection that set next_due
    last_maintenance   INTEGER,              -- unix ms of the latest maintenance by event time
    due_soon_noticed   TEXT,                 -- the next_due a "due soon" notice was raised for
    overdue_noticed    TEXT,                 -- the next_due an "overdue" notice was raised for
    maintenance_noticed INTEGER,             -- the last_maintenance a "maintenance overdue" notice was raised for
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS subject_due ON subject (district, next_due) WHERE kind = 1;
CREATE INDEX IF NOT EXISTS subject_maintenance ON subject (district, last_maintenance) WHERE kind = 1;

-- Recovery checkpoints: the log position reflected in persisted snapshots, per dispatcher.
CREATE TABLE IF NOT EXISTS dispatch_checkpoint (
    owner  TEXT    PRIMARY KEY,
    seq    INTEGER NOT NULL
) WITHOUT ROWID;

-- People who log in. user_name is stored lower-cased; districts is a comma-separated list of codes, '' = the whole city.
CREATE TABLE IF NOT EXISTS app_user (
    user_name      TEXT    PRIMARY KEY,
    display_name   TEXT    NOT NULL,
    password_hash  TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    districts      TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    security_stamp TEXT    NOT NULL DEFAULT '',   -- carried in tokens; a new one revokes every token issued before
    disabled       INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Secrets the engine generates at first start (the token signing key), shared by every server on the store.
CREATE TABLE IF NOT EXISTS engine_secret (
    name        TEXT    PRIMARY KEY,
    value       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per (rule, subject): its current cycle. Times are unix ms.
CREATE TABLE IF NOT EXISTS alert (
    id               TEXT    PRIMARY KEY,
    rule             TEXT    NOT NULL,
    subject_id       TEXT    NOT NULL,
    subject_kind     INTEGER NOT NULL,
    subject_name     TEXT,
    district         TEXT    NOT NULL,
    level            TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    score            REAL    NOT NULL,
    opened_at        INTEGER NOT NULL,
    last_seen_at     INTEGER NOT NULL,
    occurrences      INTEGER NOT NULL,
    acknowledged_by  TEXT,
    acknowledged_at  INTEGER,
    assignee         TEXT,
    resolved_by      TEXT,
    resolved_at      INTEGER,
    escalations      INTEGER NOT NULL,
    last_note        TEXT,
    below_since      INTEGER,
    last_trigger_seq INTEGER NOT NULL,
    version          INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alert_district_state ON alert (district, state, opened_at);

-- Every state change of an alert, in order.
CREATE TABLE IF NOT EXISTS alert_audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id    TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    note        TEXT
);
CREATE INDEX IF NOT EXISTS alert_audit_alert ON alert_audit (alert_id, id);

-- 双随机 plans: one per district and month. ratios and counts are JSON by credit class.
CREATE TABLE IF NOT EXISTS inspection_plan (
    id          TEXT    PRIMARY KEY,
    district    TEXT    NOT NULL,
    month       TEXT    NOT NULL,             -- yyyy-MM
    seed        TEXT    NOT NULL,
    algorithm   TEXT    NOT NULL,
    ratios      TEXT    NOT NULL,
    counts      TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    CONSTRAINT inspection_plan_month UNIQUE (district, month)
) WITHOUT ROWID;

-- One task per drawn subject; done_at is set by the first inspection signal naming the plan.
CREATE TABLE IF NOT EXISTS inspection_task (
    plan_id       TEXT    NOT NULL,
    subject_id    TEXT    NOT NULL,
    subject_name  TEXT,
    credit_class  TEXT    NOT NULL,
    level         TEXT    NOT NULL,           -- at the draw
    score         REAL    NOT NULL,           -- at the draw
    sample_key    REAL    NOT NULL,
    inspectors    TEXT    NOT NULL,           -- comma-separated inspector ids
    result        TEXT,
    findings      INTEGER NOT NULL,
    done_at       INTEGER,
    PRIMARY KEY (plan_id, subject_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS inspection_task_open ON inspection_task (plan_id) WHERE done_at IS NULL;

-- Each district's inspectors. recusals and affiliations are comma-separated USCCs; active = 0 once removed.
CREATE TABLE IF NOT EXISTS inspector (
    id            TEXT    PRIMARY KEY,
    name          TEXT    NOT NULL,
    district      TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    recusals      TEXT    NOT NULL,
    affiliations  TEXT    NOT NULL,
    active        INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS inspector_district ON inspector (district, id);

-- Outcomes paired with the components just before them, bounded by the engine; id is the recording order.
CREATE TABLE IF NOT EXISTS model_outcome (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id     TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    occurred_at    INTEGER NOT NULL,
    effects        TEXT    NOT NULL,                      -- JSON array, ComponentLayout order
    positive       INTEGER NOT NULL,
    model_version  INTEGER NOT NULL,
    CONSTRAINT model_outcome_signal UNIQUE (subject_id, seq)
);
CREATE INDEX IF NOT EXISTS model_outcome_recent ON model_outcome (category, occurred_at);

-- Every version of the fitted parameters; the current one is the highest. categories is JSON.
CREATE TABLE IF NOT EXISTS model_version (
    version           INTEGER PRIMARY KEY,
    fitted_at         INTEGER NOT NULL,
    outcomes          INTEGER NOT NULL,
    origin            TEXT    NOT NULL,
    outcomes_through  INTEGER NOT NULL,
    categories        TEXT    NOT NULL
);

-- The security audit: append-only, each row chained to the one before by SHA-256 (see SecurityEventLog).
CREATE TABLE IF NOT EXISTS security_event (
    seq            INTEGER PRIMARY KEY,      -- gapless: the previous row's seq + 1, assigned under the write lock
    at             INTEGER NOT NULL,         -- unix ms
    kind           TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    subject        TEXT,
    address        TEXT,
    detail         TEXT,
    previous_hash  TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS security_event_kind ON security_event (kind, seq);
