-- The risk model learns from outcomes (issue 15): every inspection, sampling or equipment-inspection result paired with
-- the subject's components just before it, bounded by the engine (oldest trimmed), and every version of the fitted
-- parameters, shared by all servers. The same tables as in Schema/Sqlite/signals.sql; times as unix milliseconds.

CREATE TABLE IF NOT EXISTS model_outcome (
    id             bigserial PRIMARY KEY,                  -- recording order: "outcomes since the last fit"
    subject_id     text    COLLATE "C" NOT NULL,
    seq            bigint  NOT NULL,                       -- the outcome signal's log position
    category       text    COLLATE "C" NOT NULL,
    occurred_at    bigint  NOT NULL,
    effects        text    NOT NULL,                       -- JSON array, ComponentLayout order
    positive       integer NOT NULL,
    model_version  integer NOT NULL,                       -- the version live when it came
    CONSTRAINT model_outcome_signal UNIQUE (subject_id, seq)
);
CREATE INDEX IF NOT EXISTS model_outcome_recent ON model_outcome (category, occurred_at);

CREATE TABLE IF NOT EXISTS model_version (
    version           integer PRIMARY KEY,                 -- the current version is the highest
    fitted_at         bigint  NOT NULL,
    outcomes          integer NOT NULL,
    origin            text    NOT NULL,                    -- fit, rollback:N
    outcomes_through  bigint  NOT NULL,                    -- model_outcome.id of the newest outcome it had
    categories        text    NOT NULL                     -- JSON: the fitted categories
);
