-- 双随机 spot-check plans, their tasks and each district's inspectors: the same tables as in Schema/Sqlite/signals.sql,
-- times as unix milliseconds, so one set of statements serves both stores.

CREATE TABLE IF NOT EXISTS inspection_plan (
    id          text    COLLATE "C" PRIMARY KEY,
    district    text    COLLATE "C" NOT NULL,
    month       text    COLLATE "C" NOT NULL,             -- yyyy-MM
    seed        text    NOT NULL,
    algorithm   text    NOT NULL,
    ratios      text    NOT NULL,                         -- JSON by credit class
    counts      text    NOT NULL,                         -- JSON by credit class: [population, drawn]
    created_by  text    NOT NULL,
    created_at  bigint  NOT NULL,
    CONSTRAINT inspection_plan_month UNIQUE (district, month)
);

CREATE TABLE IF NOT EXISTS inspection_task (
    plan_id       text    COLLATE "C" NOT NULL,
    subject_id    text    COLLATE "C" NOT NULL,
    subject_name  text,
    credit_class  text    NOT NULL,
    level         text    NOT NULL,
    score         double precision NOT NULL,
    sample_key    double precision NOT NULL,
    inspectors    text    NOT NULL,
    result        text,
    findings      integer NOT NULL,
    done_at       bigint,
    PRIMARY KEY (plan_id, subject_id)
);
CREATE INDEX IF NOT EXISTS inspection_task_open ON inspection_task (plan_id) WHERE done_at IS NULL;

CREATE TABLE IF NOT EXISTS inspector (
    id            text    COLLATE "C" PRIMARY KEY,
    name          text    NOT NULL,
    district      text    COLLATE "C" NOT NULL,
    organisation  text    NOT NULL,
    recusals      text    NOT NULL,
    affiliations  text    NOT NULL,
    active        integer NOT NULL,
    updated_at    bigint  NOT NULL
);
CREATE INDEX IF NOT EXISTS inspector_district ON inspector (district, id);
