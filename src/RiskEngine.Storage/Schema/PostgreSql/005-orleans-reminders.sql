-- Durable reminders (Microsoft.Orleans.Reminders.AdoNet 10.4.2, invariant "Npgsql"), e.g. the per-district due sweep.
-- @GrainId is GrainId.ToString() ("type/key"); @GrainHash its uniform hash as a signed int; @Period milliseconds,
-- sent as int (as bigint above int.MaxValue); @StartTime UTC. Version is the reminder's ETag.
-- Idempotent: tables are created if missing, query texts replaced.
CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_time     timestamptz NOT NULL,
    period         bigint      NOT NULL,
    grain_hash     integer     NOT NULL,
    version        integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
-- Each silo reads the reminders of its share of the hash ring.
CREATE INDEX IF NOT EXISTS orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

-- Insert with version 0, or replace and raise the version; either way one row with the new ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $sql$
INSERT INTO orleans_reminder AS r (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
       version = orleans_next_version(r.version)
RETURNING version AS Version;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- A ring range that does not wrap in signed order: (BeginHash, EndHash].
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- A range that wraps (BeginHash >= EndHash; equal means the whole ring): above BeginHash or up to EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $sql$
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM orleans_reminder
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Delete only the version the caller holds; one boolean: whether it was deleted.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM orleans_reminder
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM deleted);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Tests and tools only.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $sql$
DELETE FROM orleans_reminder WHERE service_id = @ServiceId;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
