-- RiskEngine cluster store on PostgreSQL (15 or later): the signal log, the subject directory and engine bookkeeping.
-- The same tables and meaning as Schema/Sqlite/signals.sql, in PostgreSQL's own types: times are timestamptz
-- (always UTC on the wire, stored to the millisecond like the SQLite unix-ms columns), dates are date.
-- Idempotent, so it may also be run by hand; PostgreSqlMigrator runs it once and records it in schema_migrations.
--
-- Identifiers (sources, ids, district codes) are compared byte for byte (COLLATE "C"): they are codes, not prose,
-- and the unique and subject indexes every append maintains compare with memcmp instead of the locale's rules.

-- The source of truth. An identity never hands out a number twice, even after a rollback or a delete.
CREATE TABLE IF NOT EXISTS signal_log (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source        text        COLLATE "C" NOT NULL,
    source_id     text        COLLATE "C" NOT NULL,
    subject_kind  smallint    NOT NULL,          -- 0 entity, 1 equipment
    subject_id    text        COLLATE "C" NOT NULL,
    kind          text        NOT NULL,          -- wire name of the signal kind
    occurred_at   timestamptz NOT NULL,          -- event time
    ingested_at   timestamptz NOT NULL,          -- when the log accepted it
    data          text        NOT NULL,          -- canonical JSON of the signal's facts, kept byte for byte (not jsonb)
    CONSTRAINT signal_log_identity UNIQUE (source, source_id)
);
CREATE INDEX IF NOT EXISTS signal_log_subject ON signal_log (subject_id, seq);

-- Every subject the engine knows: registered ones and those first seen in a signal.
CREATE TABLE IF NOT EXISTS subject (
    id                  text        COLLATE "C" PRIMARY KEY,
    kind                smallint    NOT NULL,    -- 0 entity, 1 equipment
    district            text        COLLATE "C" NOT NULL,
    registered          boolean     NOT NULL DEFAULT false,
    name                text,
    industry            text,
    credit_class        text,
    owner               text,
    equipment_class     integer,
    next_due            date,                    -- next periodic inspection
    next_due_from       timestamptz,             -- event time of the inspection that set next_due
    last_maintenance    timestamptz,             -- latest maintenance by event time
    due_soon_noticed    date,                    -- the next_due a "due soon" notice was raised for
    overdue_noticed     date,                    -- the next_due an "overdue" notice was raised for
    maintenance_noticed timestamptz,             -- the last_maintenance a "maintenance overdue" notice was raised for
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS subject_due ON subject (district, next_due) WHERE kind = 1;
CREATE INDEX IF NOT EXISTS subject_maintenance ON subject (district, last_maintenance) WHERE kind = 1;

-- Subjects per district, kept by triggers in the same transaction as every change to subject. Several servers write
-- subjects, so an in-process counter (as the embedded store keeps) would be wrong; and counting millions of rows
-- whenever a district summary is built would be slow. Reading this table is a few dozen rows, right on every server.
CREATE TABLE IF NOT EXISTS subject_district_count (
    district  text   COLLATE "C" PRIMARY KEY,
    subjects  bigint NOT NULL
);

-- One statement-level trigger per event: it sees all rows the statement changed at once (transition tables), so a
-- group commit of thousands of new subjects touches each district's row once. Districts are updated in sorted order,
-- so concurrent writers take those row locks in the same order and cannot deadlock on them.
CREATE OR REPLACE FUNCTION subject_district_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO subject_district_count AS c (district, subjects)
        SELECT district, count(*) FROM new_subjects GROUP BY district ORDER BY district
        ON CONFLICT (district) DO UPDATE SET subjects = c.subjects + excluded.subjects;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE subject_district_count AS c SET subjects = c.subjects - d.removed
          FROM (SELECT district, count(*) AS removed FROM old_subjects GROUP BY district ORDER BY district) AS d
         WHERE c.district = d.district;
    ELSE
        -- Only a change of district moves a count; the many updates of due dates and names move nothing.
        INSERT INTO subject_district_count AS c (district, subjects)
        SELECT district, sum(delta) FROM (
            SELECT n.district, 1 AS delta FROM new_subjects n JOIN old_subjects o USING (id) WHERE n.district <> o.district
            UNION ALL
            SELECT o.district, -1 FROM new_subjects n JOIN old_subjects o USING (id) WHERE n.district <> o.district
        ) AS moves
        GROUP BY district ORDER BY district
        ON CONFLICT (district) DO UPDATE SET subjects = c.subjects + excluded.subjects;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER subject_district_count_on_insert AFTER INSERT ON subject
    REFERENCING NEW TABLE AS new_subjects FOR EACH STATEMENT EXECUTE FUNCTION subject_district_count_apply();
CREATE OR REPLACE TRIGGER subject_district_count_on_update AFTER UPDATE ON subject
    REFERENCING OLD TABLE AS old_subjects NEW TABLE AS new_subjects FOR EACH STATEMENT EXECUTE FUNCTION subject_district_count_apply();
CREATE OR REPLACE TRIGGER subject_district_count_on_delete AFTER DELETE ON subject
    REFERENCING OLD TABLE AS old_subjects FOR EACH STATEMENT EXECUTE FUNCTION subject_district_count_apply();

-- Recovery checkpoints: the log position reflected in persisted snapshots, per dispatcher.
CREATE TABLE IF NOT EXISTS dispatch_checkpoint (
    owner  text   PRIMARY KEY,
    seq    bigint NOT NULL
);
