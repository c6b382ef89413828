-- Revocable logins and the security audit: the same columns and table as in Schema/Sqlite/signals.sql.

-- A new security stamp (on a password, role or jurisdiction change, or when disabled) revokes every token issued
-- before it; existing people get one now, so tokens issued before this migration stop working (they carry none).
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS security_stamp text NOT NULL DEFAULT '';
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS disabled boolean NOT NULL DEFAULT false;
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS must_change_password boolean NOT NULL DEFAULT false;
UPDATE app_user SET security_stamp = md5(random()::text || clock_timestamp()::text || user_name) WHERE security_stamp = '';

-- Append-only: each row's hash is SHA-256 over the previous row's hash and this row; appends are serialised by a
-- table lock (SHARE ROW EXCLUSIVE conflicts with itself, not with readers), so servers of a cluster chain in turn.
CREATE TABLE IF NOT EXISTS security_event (
    seq            bigint  PRIMARY KEY,
    at             bigint  NOT NULL,
    kind           text    COLLATE "C" NOT NULL,
    actor          text    NOT NULL,
    subject        text,
    address        text,
    detail         text,
    previous_hash  text    NOT NULL,
    hash           text    NOT NULL
);
CREATE INDEX IF NOT EXISTS security_event_kind ON security_event (kind, seq);
