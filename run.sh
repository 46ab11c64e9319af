#!/usr/bin/env bash
# Sets up and starts the whole OwnerPortal with demo data on this machine:
#   ./run.sh
# Portal on http://127.0.0.1:5080, Admin on http://127.0.0.1:5090. Ctrl-C stops everything it started.
# With ConnectionStrings__Default set, that PostgreSQL is used instead of the local cluster in .pgdata/.
# Mail goes to a local SMTP sink on 127.0.0.1:2525 that writes every message to .run/smtp.log; with Mail__Host
# set, the sites use that SMTP server instead and no sink is started.
set -euo pipefail
cd "$(dirname "$0")"
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
  # Debian's aiosmtpd, run by the system python: the pyenv python3 on PATH cannot import Debian's packages.
  if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
    echo "Installing the local SMTP sink (python3-aiosmtpd)…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
  fi
  if (echo >"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null; then
    echo "Port $SMTP_PORT is taken (another run?): set SMTP_PORT, or Mail__Host to use that server." >&2; exit 1
  fi
  # -u: unbuffered, so each message shows up in the log as it arrives.
  /usr/bin/python3 -u -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" >.run/smtp.log 2>&1 &
  started+=($!)
  for _ in $(seq 1 20); do (echo >"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.25; done
  (echo >"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null || { echo "SMTP sink did not start (see .run/smtp.log)" >&2; exit 1; }
  export Mail__Host=127.0.0.1 Mail__Port=$SMTP_PORT Mail__Security=None
  mail_sink="local sink on 127.0.0.1:$SMTP_PORT, every message is written to .run/smtp.log"
else
  mail_sink="SMTP server ${Mail__Host}:${Mail__Port:-2525} (from Mail__Host)"
fi

echo "Building…"
for project in Ops Portal Admin; do
  dotnet build "src/$project" -c Release -nologo >.run/build.log 2>&1 || { cat .run/build.log; exit 1; }
done
out() { echo "src/$1/bin/Release/net10.0/OwnerPortal.$1.dll"; }

dotnet "$(out Ops)" migrate
dotnet "$(out Ops)" seed   # loads the demo once; later runs find it there

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
  Mail:             $mail_sink
Demo data: 3 estates, ~1,500 units, ~2,000 owners and residents, 4,000 cases over 18 months.
Demo sign-ins (password Demo2026 for all):
  Owners (Portal):        owner1.hy@demo.ownerportal.cn, owner1.bhw@…, owner1.czy@…
  Estate staff (Admin):   manager.hy@…  dispatcher.hy@…  engineering.hy@…  (also .bhw, .czy)
  Company staff (Admin):  leader@…  quality@…  admin@… (system administrator)
  (… = @demo.ownerportal.cn; the Admin signs staff in through the Portal.)
Press Ctrl-C to stop.
MSG
wait
