#!/usr/bin/env bash
# Sets up and starts the whole OwnerPortal with demo data on this machine:
#   ./run.sh
# Portal on http://127.0.0.1:5080, Admin on http://127.0.0.1:5090. Ctrl-C stops everything it started.
# With ConnectionStrings__Default set, that PostgreSQL is used instead of the local cluster in .pgdata/.
set -euo pipefail
cd "$(dirname "$0")"
PORTAL_PORT=${PORTAL_PORT:-5080}
ADMIN_PORT=${ADMIN_PORT:-5090}
PG_PORT=${PG_PORT:-55432}
started=()
pg_started=0

cleanup() {
  trap - INT TERM EXIT
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$pg_started" = 1 ]; then scripts/pg.sh stop .pgdata; echo "PostgreSQL stopped."; fi
}
trap cleanup INT TERM EXIT

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }

if [ -z "${ConnectionStrings__Default:-}" ]; then
  scripts/pg.sh start .pgdata "$PG_PORT"
  pg_started=1
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
fi

echo "Building…"
mkdir -p .run
for project in Ops Portal Admin; do
  dotnet build "src/$project" -c Release -nologo >.run/build.log 2>&1 || { cat .run/build.log; exit 1; }
done
out() { echo "src/$1/bin/Release/net10.0/OwnerPortal.$1.dll"; }

dotnet "$(out Ops)" migrate
dotnet "$(out Ops)" seed   # loads the demo once; later runs find it there

(cd src/Portal && exec dotnet "../../$(out Portal)" --urls "http://127.0.0.1:$PORTAL_PORT" >../../.run/portal.log 2>&1) &
started+=($!)
(cd src/Admin && exec dotnet "../../$(out Admin)" --urls "http://127.0.0.1:$ADMIN_PORT" >../../.run/admin.log 2>&1) &
started+=($!)

for url in "http://127.0.0.1:$PORTAL_PORT/healthz" "http://127.0.0.1:$ADMIN_PORT/healthz"; do
  for _ in $(seq 1 60); do
    curl -fs "$url" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "$url" >/dev/null || { echo "Not healthy: $url (see .run/*.log)" >&2; exit 1; }
done

cat <<MSG

OwnerPortal is running (logs in .run/):
  Portal (owners):  http://127.0.0.1:$PORTAL_PORT
  Admin  (staff):   http://127.0.0.1:$ADMIN_PORT
Demo data: 3 estates, ~1,500 units, ~2,000 owners and residents, 4,000 cases over 18 months.
Sign-in arrives with owner accounts and staff single sign-on (issue 3); until then both sites are open.
Press Ctrl-C to stop.
MSG
wait
