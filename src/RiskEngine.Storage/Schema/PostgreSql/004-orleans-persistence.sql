-- Grain snapshots (Microsoft.Orleans.Persistence.AdoNet 10.4.2, invariant "Npgsql").
-- Every call carries the identity the provider derives from the grain: @ServiceId, @GrainTypeString (the state name,
-- not the grain type), @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL, or the whole key for string keys),
-- plus the hashes @GrainTypeHash and @GrainIdHash, which follow from the rest and are stored for diagnostics only.
-- Idempotent: tables are created if missing, query texts replaced.
--
-- Snapshots are a cache of the signal log (a lost one is rebuilt by replay), written behind at a modest rate.
-- fillfactor leaves room on each page so a rewrite of the payload stays on its page (a HOT update: no index churn).
CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id   text        NOT NULL,
    type_name    text        NOT NULL,
    id_n0        bigint      NOT NULL,
    id_n1        bigint      NOT NULL,
    id_ext       text,
    type_hash    integer     NOT NULL,
    id_hash      integer     NOT NULL,
    payload      bytea,                      -- NULL once cleared: the record then exists with its version only
    version      integer     NOT NULL,
    modified_at  timestamptz NOT NULL DEFAULT now(),
    -- One row per identity, NULL extension included: two racing first writes cannot make duplicates (orleans#11303).
    CONSTRAINT orleans_grain_state_identity UNIQUE NULLS NOT DISTINCT (service_id, type_name, id_n0, id_n1, id_ext)
) WITH (fillfactor = 80);

-- About the identity match used below, "(id_ext = @X OR (id_ext IS NULL AND @X IS NULL))": string-keyed grains all
-- have N0 = N1 = 0 and differ only in id_ext, so id_ext must be an index condition, not a filter over every row of
-- the state name. "IS NOT DISTINCT FROM" cannot use an index; this form can (PostgreSQL folds the parameter test).

-- 0 rows: no record. A row with a NULL payload: cleared, the version is still the ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $sql$
SELECT payload AS PayloadBinary, version AS Version
  FROM orleans_grain_state
 WHERE service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND (id_ext = @GrainIdExtensionString OR (id_ext IS NULL AND @GrainIdExtensionString IS NULL));
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Optimistic write: with an ETag, update only the row still at that version; without one, insert only if no row
-- exists. At most one of the two can change anything, and the result is the single new version or no row at all,
-- which the provider reports as an InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE orleans_grain_state
       SET payload = @PayloadBinary, version = orleans_next_version(version), modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
       AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
       AND (id_ext = @GrainIdExtensionString OR (id_ext IS NULL AND @GrainIdExtensionString IS NULL))
    RETURNING version
), inserted AS (
    INSERT INTO orleans_grain_state (service_id, type_name, id_n0, id_n1, id_ext, type_hash, id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @GrainTypeHash, @GrainIdHash, @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_grain_state_identity DO NOTHING
    RETURNING version
)
SELECT version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT version FROM inserted;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clear keeps the row (and so the version sequence) with a NULL payload; the new version is the new ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $sql$
UPDATE orleans_grain_state
   SET payload = NULL, version = orleans_next_version(version), modified_at = now()
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND (id_ext = @GrainIdExtensionString OR (id_ext IS NULL AND @GrainIdExtensionString IS NULL))
RETURNING version AS NewGrainStateVersion;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- With DeleteStateOnClear: remove the row when the versions match. The provider wants a non-NULL value different from
-- the ETag it sent; the next version is exactly that.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $sql$
DELETE FROM orleans_grain_state
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND type_name = @GrainTypeString AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1
   AND (id_ext = @GrainIdExtensionString OR (id_ext IS NULL AND @GrainIdExtensionString IS NULL))
RETURNING orleans_next_version(version) AS NewGrainStateVersion;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
