#!/usr/bin/env bash
# Prepares the local PostgreSQL that RiskEngine's storage tests run against, and prints the line that points them at it:
#   eval "$(scripts/test-postgres.sh)"
# Run as root on a machine with Debian's postgresql package installed (apt-get install postgresql).
# Idempotent: starts the cluster only if it is down, creates the role and the database only if they are missing.
# The role's password is generated once and kept outside the repository (RISKENGINE_PASSWORD_FILE, by default
# ~/.riskengine/test-postgres-password, mode 600), so nothing secret is ever committed.
# Only the export line goes to stdout; progress goes to stderr.
set -euo pipefail

role="${RISKENGINE_TEST_ROLE:-riskengine}"
database="${RISKENGINE_TEST_DATABASE:-riskengine_test}"
password_file="${RISKENGINE_PASSWORD_FILE:-${HOME:-/root}/.riskengine/test-postgres-password}"

say() { echo "test-postgres: $*" >&2; }
fail() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root: it starts the cluster and creates the role as the postgres user."
command -v pg_lsclusters >/dev/null || fail "Debian's postgresql is not installed: apt-get update && apt-get install -y postgresql"

# Names are interpolated into SQL below; accept only plain identifiers.
for name in "$role" "$database"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "'$name' is not a plain lower-case identifier."
done

# The newest installed cluster; create one if the package left none (e.g. installed with create_main_cluster=false).
cluster=$(pg_lsclusters --no-header | sort -k1,1 -V | tail -n 1)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  say "creating cluster $version/main"
  pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters --no-header | sort -k1,1 -V | tail -n 1)
fi
read -r version name port status _ <<<"$cluster"

if [ "$status" != "online" ]; then
  say "starting cluster $version/$name"
  # pg_ctlcluster works where service/invoke-rc.d is denied (containers, CI).
  pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || fail "cluster $version/$name does not accept connections on 127.0.0.1:$port"

# The cluster tests run three servers at once, each with two pools (the engine's and Orleans'): more than the
# default 100 connections. Raising it needs a restart, done once.
max_connections=$(runuser -u postgres -- psql --no-psqlrc -tA -p "$port" -d postgres -c 'SHOW max_connections')
if [ "${max_connections:-0}" -lt 300 ]; then
  say "raising max_connections of $version/$name to 300"
  runuser -u postgres -- psql --quiet --no-psqlrc -p "$port" -d postgres -c 'ALTER SYSTEM SET max_connections = 300' >/dev/null
  pg_ctlcluster "$version" "$name" restart >&2
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
fi

if [ ! -s "$password_file" ]; then
  mkdir -p "$(dirname "$password_file")"
  chmod 700 "$(dirname "$password_file")"
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$password_file")
  say "generated a password for role $role in $password_file"
fi
password=$(cat "$password_file")

# The password travels on stdin, never on a command line where ps would show it. ALTER ROLE runs every time so the
# role matches the file even if either was recreated. The role owns the database, so tests may create schemas in it.
runuser -u postgres -- psql --quiet --no-psqlrc -v ON_ERROR_STOP=1 -p "$port" -d postgres >/dev/null <<SQL
\set password '$password'
SELECT format('CREATE ROLE %I LOGIN', '$role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \gexec
ALTER ROLE $role LOGIN PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', '$database', '$role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database') \gexec
SQL

# Loopback only, so no TLS: Debian's cluster offers it (a snakeoil certificate) and Npgsql would take it by default,
# encrypting every round trip between two processes on the same machine.
echo "export RISKENGINE_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database;SSL Mode=Disable'"
