#!/usr/bin/env bash
# Sets up and starts the whole OwnerPortal with demo data on this machine:
#   ./run.sh            (or ./run.sh --scaled: the production-like stack of scripts/scaled.sh)
# Portal on http://127.0.0.1:5080, Admin on http://127.0.0.1:5090. Ctrl-C stops everything it started.
# With ConnectionStrings__Default set, that PostgreSQL is used instead of the local cluster in .pgdata/.
# Mail goes to a local SMTP sink on 127.0.0.1:2525 that writes every message to .run/smtp.log; with Mail__Host
# set, the sites use that SMTP server instead and no sink is started.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = --scaled ]; then shift; exec scripts/scaled.sh "$@"; fi
. scripts/sites.sh
PORTAL_PORT=${PORTAL_PORT:-5080}
ADMIN_PORT=${ADMIN_PORT:-5090}
PG_PORT=${PG_PORT:-55432}
SMTP_PORT=${SMTP_PORT:-2525}
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

mkdir -p .run

if [ -z "${ConnectionStrings__Default:-}" ]; then
  scripts/pg.sh start .pgdata "$PG_PORT"
  pg_started=1
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
fi

if [ -z "${Mail__Host:-}" ]; then
  ensure_smtp_sink
  if port_open "$SMTP_PORT"; then
    echo "Port $SMTP_PORT is taken (another run?): set SMTP_PORT, or Mail__Host to use that server." >&2; exit 1
  fi
  : >.run/smtp.log
  eval "$(smtp_sink_command "$SMTP_PORT" .run/smtp.log) &"
  started+=($!)
  wait_port "$SMTP_PORT" || { echo "SMTP sink did not start (see .run/smtp.log)" >&2; exit 1; }
  export Mail__Host=127.0.0.1 Mail__Port=$SMTP_PORT Mail__Security=None
  mail_sink="local sink on 127.0.0.1:$SMTP_PORT, every message is written to .run/smtp.log"
else
  mail_sink="SMTP server ${Mail__Host}:${Mail__Port:-2525} (from Mail__Host)"
fi

build_sites .run/build.log
out() { site_dll "$1"; }
prepare_database

# The two sites find each other on the chosen ports: the Admin signs staff in through the Portal.
export Oidc__Clients__0__RedirectUris__0="http://127.0.0.1:$ADMIN_PORT/signin-oidc"
export Oidc__Clients__0__PostLogoutRedirectUris__0="http://127.0.0.1:$ADMIN_PORT/signout-callback-oidc"
# Development: the committed demo secrets are refused in Production (Core/Web/DevelopmentSecrets.cs).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Oidc__Authority="http://127.0.0.1:$PORTAL_PORT" PortalUrl="http://127.0.0.1:$PORTAL_PORT"
# Plain http: browsers refuse __Host- (Secure) cookies there, so the sites use their plain names (see SiteCookies).
export Cookies__Secure=false
(cd src/Portal && exec dotnet "../../$(out Portal)" --urls "http://127.0.0.1:$PORTAL_PORT" >../../.run/portal.log 2>&1) &
started+=($!)
(cd src/Admin && exec dotnet "../../$(out Admin)" --urls "http://127.0.0.1:$ADMIN_PORT" >../../.run/admin.log 2>&1) &
started+=($!)

wait_healthy "http://127.0.0.1:$PORTAL_PORT/healthz" "http://127.0.0.1:$ADMIN_PORT/healthz"

cat <<MSG

OwnerPortal is running (logs in .run/):
  Portal (owners):  http://127.0.0.1:$PORTAL_PORT
  Admin  (staff):   http://127.0.0.1:$ADMIN_PORT
  Mail:             $mail_sink
MSG
demo_sign_ins
echo "Press Ctrl-C to stop."
wait
