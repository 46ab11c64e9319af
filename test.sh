#!/usr/bin/env bash
# Runs every test — unit, database (real PostgreSQL) and browser (Debian Chromium) — on this machine:
#   ./test.sh
# Installs what is missing, starts a throwaway PostgreSQL, stops it afterwards, and ends with
# the line "N passed, N failed". Failing browser tests leave a screenshot and trace in artifacts/failures/.
set -uo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian Chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

port=55442
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
pgdir=$(mktemp -d /tmp/ownerportal-testpg.XXXXXX)
cleanup() { scripts/pg.sh stop "$pgdir"; rm -rf "$pgdir"; }
trap cleanup EXIT
scripts/pg.sh start "$pgdir" "$port" --fast || { echo "0 passed, 1 failed"; exit 1; }
export OWNERPORTAL_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres"

rm -rf artifacts/failures artifacts/accessibility-sweep.txt
log=$(mktemp)
dotnet test OwnerPortal.sln -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly summaries: "Passed!  - Failed:     0, Passed:    56, ..."
read -r passed failed < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # build or run failure without a count
if [ -f artifacts/accessibility-sweep.txt ]; then
  echo "axe sweep: $(wc -l < artifacts/accessibility-sweep.txt) page visits (artifacts/accessibility-sweep.txt)"
fi
echo "$passed passed, $failed failed"
exit "$status"
