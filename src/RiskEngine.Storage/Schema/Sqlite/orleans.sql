-- Grain snapshots and reminders for Orleans' ADO.NET providers on SQLite (invariant "System.Data.SQLite",
-- driver Microsoft.Data.Sqlite). Our own schema; the providers run only the query texts stored in OrleansQuery,
-- with the parameter names and result columns their contract fixes (see shared/ORLEANS-ADONET.md).
-- Idempotent: run at every start; query texts are replaced so upgrades take effect on restart.
--
-- Snapshots are a cache of the signal log: a lost snapshot is rebuilt by replaying the log. So the state file
-- runs with synchronous=NORMAL (no fsync per write); only the log pays for durability.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  TEXT PRIMARY KEY,
    QueryText TEXT NOT NULL
) WITHOUT ROWID;

-- One row per (service, state name, grain key). The key is unique by construction, so two concurrent
-- first writes cannot create the duplicate rows that break the stock schema (orleans#11303).
CREATE TABLE IF NOT EXISTS grain_state (
    service_id      TEXT    NOT NULL,
    type_name       TEXT    NOT NULL,
    id_n0           INTEGER NOT NULL,
    id_n1           INTEGER NOT NULL,
    id_ext          TEXT    NOT NULL,   -- '' when the key has no extension
    id_ext_is_null  INTEGER NOT NULL,
    type_hash       INTEGER NOT NULL,
    id_hash         INTEGER NOT NULL,
    payload         BLOB,
    version         INTEGER NOT NULL,
    modified_at     TEXT    NOT NULL,
    PRIMARY KEY (service_id, type_name, id_n0, id_n1, id_ext, id_ext_is_null)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS reminder (
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    start_time     TEXT    NOT NULL,
    period         INTEGER NOT NULL,
    grain_hash     INTEGER NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS reminder_hash ON reminder (service_id, grain_hash);

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey',
'PRAGMA synchronous=NORMAL;
SELECT payload AS PayloadBinary, version AS Version FROM grain_state
 WHERE service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND id_ext = coalesce(@GrainIdExtensionString, '''') AND id_ext_is_null = (@GrainIdExtensionString IS NULL);');

-- Two single statements, at most one of which can change a row: an update guarded by the expected version,
-- or a first insert when the grain has no version yet. Zero rows returned means a conflict.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey',
'PRAGMA synchronous=NORMAL;
UPDATE grain_state SET payload = @PayloadBinary, version = version + 1, modified_at = datetime(''now'')
 WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
   AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND id_ext = coalesce(@GrainIdExtensionString, '''') AND id_ext_is_null = (@GrainIdExtensionString IS NULL)
 RETURNING version AS NewGrainStateVersion;
INSERT INTO grain_state (service_id, type_name, id_n0, id_n1, id_ext, id_ext_is_null, type_hash, id_hash, payload, version, modified_at)
 SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''''),
        (@GrainIdExtensionString IS NULL), @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1, datetime(''now'')
  WHERE @GrainStateVersion IS NULL
 ON CONFLICT DO NOTHING
 RETURNING version AS NewGrainStateVersion;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey',
'PRAGMA synchronous=NORMAL;
UPDATE grain_state SET payload = NULL, version = version + 1, modified_at = datetime(''now'')
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND id_ext = coalesce(@GrainIdExtensionString, '''') AND id_ext_is_null = (@GrainIdExtensionString IS NULL)
 RETURNING version;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey',
'PRAGMA synchronous=NORMAL;
DELETE FROM grain_state
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND id_ext = coalesce(@GrainIdExtensionString, '''') AND id_ext_is_null = (@GrainIdExtensionString IS NULL)
 RETURNING version + 1;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey',
'INSERT INTO reminder (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
 VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
 ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
   start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash, version = reminder.version + 1
 RETURNING version AS Version;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
   FROM reminder WHERE service_id = @ServiceId AND grain_id = @GrainId;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
   FROM reminder WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
   FROM reminder WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
   FROM reminder WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey',
'DELETE FROM reminder WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
SELECT changes() > 0;');

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey',
'DELETE FROM reminder WHERE service_id = @ServiceId;');

-- Alerts were once watched by a reminder each ('watch'); each district's alert watch does it now. Left in place, those
-- rows would tick into alert grains that no longer take reminders.
DELETE FROM reminder WHERE reminder_name = 'watch' AND grain_id LIKE 'alert/%';
