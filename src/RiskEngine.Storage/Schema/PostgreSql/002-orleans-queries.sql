-- The table Orleans' ADO.NET providers (clustering, persistence, reminders; 10.4.2) read their SQL from.
-- The providers run only the texts stored here, with the parameter names and result columns their contract fixes
-- (see shared/ORLEANS-ADONET.md); the texts themselves are ours. The following scripts fill it, one per provider.
--
-- The providers read it with an unquoted "SELECT QueryKey, QueryText FROM OrleansQuery", so table and columns are
-- created unquoted: PostgreSQL folds them to lower case and finds them on the connection's search path.
-- Providers cache the texts at start: after a migration changes one, restart the servers.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey   text PRIMARY KEY,
    QueryText  text NOT NULL
);

-- Versions (ETags) are int32 on the provider side and parsed with int.Parse, so they must never overflow:
-- after the largest value they start again at 1. A stale ETag 2^31 writes old is not a real risk; an overflow error is.
CREATE OR REPLACE FUNCTION orleans_next_version(version integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END;
