-- Orleans cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2, invariant "Npgsql").
-- Parameters arrive as @Name with the provider's .NET types: text, integer, and UTC DateTime as timestamptz.
-- Every write is a single statement: the provider runs one command per call without a transaction, and PostgreSQL
-- makes one statement atomic. Idempotent: tables are created if missing, query texts replaced.

-- One row per cluster (DeploymentId = ClusterOptions.ClusterId). Its version is the table's ETag: every membership
-- change checks and raises it, which serialises changes across silos.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id  text        PRIMARY KEY,
    version        integer     NOT NULL DEFAULT 0,
    changed_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id    text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address          text        NOT NULL,
    port             integer     NOT NULL,
    generation       integer     NOT NULL,
    silo_name        text        NOT NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,   -- SiloStatus: 2 Joining, 3 Active, 6 Dead, ...
    proxy_port       integer     NOT NULL,   -- 0 when the silo is no gateway
    suspect_times    text,                   -- "ip:port@gen,yyyy-MM-dd HH:mm:ss.fff GMT|..." or NULL
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Creates the cluster's version row at silo start; one boolean: whether it was created (only logged).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $sql$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The version row LEFT JOIN the members: always at least one row, the table version on every row, and a row with a
-- NULL StartTime when the cluster has no members yet.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $sql$
SELECT m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
       m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $sql$
SELECT m.address AS Address, m.port AS Port, m.generation AS Generation, m.silo_name AS SiloName,
       m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Adds a silo only if the table is still at the version the caller read and the silo is not there yet; the version
-- is raised in the same statement. The insert reads from the version update, so it happens exactly when the version
-- moved; a concurrent insert of the same silo would raise a unique violation and undo both. false = nothing changed.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $sql$
WITH raised AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                    suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           NULL, @StartTime, @IAmAliveTime
      FROM raised
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM inserted);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Changes a silo's status and suspicions under the table version. The silo's row is locked first (FOR UPDATE), and
-- the version is raised only if that row exists, so the row cannot vanish between the two: either both change or
-- neither does. false = nothing changed (stale version or unknown silo).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $sql$
WITH member AS (
    SELECT deployment_id, address, port, generation FROM orleans_membership
     WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
       FOR UPDATE
), raised AS (
    UPDATE orleans_membership_version SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version AND EXISTS (SELECT 1 FROM member)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
      FROM raised, member
     WHERE m.deployment_id = member.deployment_id AND m.address = member.address
       AND m.port = member.port AND m.generation = member.generation
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM updated);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The heartbeat: no version change. A delayed heartbeat never moves the time backwards.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $sql$
UPDATE orleans_membership SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Gateways for clients: active silos (@Status = 3) that accept client connections.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $sql$
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Tests and tools only: forget the cluster (members go with their version row through the cascade).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $sql$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Required, though 10.4.2 prefers CleanupDefunctSiloEntryKey below when it exists. Same rule as the provider applies
-- before that one: Dead, started and last alive before the cutoff (@IAmAliveTime), and no suspicion voted at or after
-- it (a recent vote means the membership protocol may still be working on the row).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM orleans_membership m
 WHERE m.deployment_id = @DeploymentId AND m.status = 6
   AND m.start_time < @IAmAliveTime AND m.i_am_alive_time < @IAmAliveTime
   AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(m.suspect_times, '|')) AS vote
                    WHERE vote <> '' AND split_part(vote, ',', 2)::timestamptz >= @IAmAliveTime);
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Optional in 10.4.2: the provider picks defunct rows itself and deletes each with this compare-and-delete, which
-- removes the row only if it is still Dead and nothing the provider read has changed since.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '');
$sql$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
