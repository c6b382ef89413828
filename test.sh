#!/usr/bin/env bash
# Runs every test of RiskEngine and ends with one line: "N passed, N failed, N skipped".
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Category!=Slow]
set -uo pipefail
cd "$(dirname "$0")"

# The storage and cluster tests run against a real PostgreSQL. Where none is configured, use (and if need be
# install and start) the machine's own, with a test role and database (scripts/test-postgres.sh).
if [ -z "${RISKENGINE_TEST_POSTGRES:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL for the tests (Debian package postgresql)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
  fi
  if exports=$(bash scripts/test-postgres.sh); then
    eval "$exports"
  else
    echo "warning: no PostgreSQL for the tests; set RISKENGINE_TEST_POSTGRES or install postgresql (the PostgreSQL tests will fail)." >&2
  fi
fi

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build RiskEngine.sln -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

dotnet test RiskEngine.sln --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  p=$(value passed); f=$(value failed); e=$(value error); t=$(value total); x=$(value executed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done

# A run that could not even start a test project is a failure, whatever the counters say.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
