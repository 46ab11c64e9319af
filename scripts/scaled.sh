#!/usr/bin/env bash
# The production-like stack on this machine (./run.sh --scaled), all on 127.0.0.1:
#   HAProxy terminating TLS: Portal https://127.0.0.1:8443, Admin https://127.0.0.1:9443 (http on 8080/9080 redirects)
#   two Portal instances (5081, 5082; metrics 9471, 9472) and two Admin instances (5091, 5092; metrics 9481, 9482),
#     restarted by a supervisor loop when they die
#   PostgreSQL primary on 55434 (.pgdata-scaled/primary, WAL archived to .pgdata-scaled/wal-archive) and a
#     streaming standby on 55435 (.pgdata-scaled/standby)
#   the SMTP sink on 2526, writing .run/scaled/smtp.log
# Writes .run/scaled/env (sourceable: URLs, ports, the commands that restart each part; bench/faults.sh uses it);
# CONNECTION_STRING is Npgsql's form, PSQL_URL the same database for psql.
# Stays in the foreground; Ctrl-C stops everything it started. README "Production-like stack" and ADR-009 explain it.
# SCALED_HEALTH_PATH overrides the path HAProxy checks (default /healthz/live). Not /healthz/ready: every instance
# shares the one database, so while PostgreSQL restarts HAProxy would take all of them out and answer 503 itself,
# where the instances would have retried (about 10 s) and answered. A dead instance fails /healthz/live too.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/sites.sh
ROOT=$PWD
S=$ROOT/.run/scaled
LOG_DIR=$S
PG_PRIMARY_DIR=$ROOT/.pgdata-scaled/primary PG_PRIMARY_PORT=55434
PG_STANDBY_DIR=$ROOT/.pgdata-scaled/standby PG_STANDBY_PORT=55435
WAL_ARCHIVE=$ROOT/.pgdata-scaled/wal-archive
SMTP_PORT=2526
PORTAL_URL=https://127.0.0.1:8443 ADMIN_URL=https://127.0.0.1:9443
HEALTH_PATH=${SCALED_HEALTH_PATH:-/healthz/live}
supervisors=()

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
for port in 8443 9443 8080 9080 5081 5082 5091 5092 $SMTP_PORT; do
  if port_open "$port"; then echo "Port $port is taken (another run?)." >&2; exit 1; fi
done
mkdir -p "$S/tls" "$S/pids" "$ROOT/.data-scaled/attachments"
rm -f "$S/stopping"

cleanup() {
  trap - INT TERM EXIT
  touch "$S/stopping"
  for pid in "${supervisors[@]}"; do kill "$pid" 2>/dev/null || true; done
  for f in "$S"/pids/*.pid "$S/smtp.pid" "$S/haproxy.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  wait 2>/dev/null || true
  scripts/pg.sh stop "$PG_STANDBY_DIR"; scripts/pg.sh stop "$PG_PRIMARY_DIR"
  echo "Stopped."
}
trap cleanup INT TERM EXIT

# --- Debian packages: HAProxy (2.6 on Debian 12), openssl, the SMTP sink
if ! command -v haproxy >/dev/null; then
  echo "Installing HAProxy…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  # The package enables its own service on the default configuration: this stack runs its own process.
  (systemctl disable --now haproxy || service haproxy stop) >/dev/null 2>&1 || true
fi
command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
ensure_smtp_sink

# --- A self-signed certificate on first start (kept for later runs, so a browser's exception stays valid)
if [ ! -f "$S/tls/site.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$S/tls/site.key" -out "$S/tls/site.crt" 2>/dev/null
  cat "$S/tls/site.crt" "$S/tls/site.key" >"$S/tls/site.pem"
  chmod 600 "$S/tls/site.key" "$S/tls/site.pem"
fi
# The Admin fetches the Portal's OpenID Connect metadata and tokens through the proxy: it trusts the usual CAs
# plus this certificate (SSL_CERT_FILE is read by .NET on Linux). Real servers use a certificate the CAs vouch for.
cat /etc/ssl/certs/ca-certificates.crt "$S/tls/site.crt" >"$S/tls/trust.pem"

# --- PostgreSQL primary (WAL archived) and the streaming standby
PG_PRIMARY_START="$ROOT/scripts/pg.sh start $PG_PRIMARY_DIR $PG_PRIMARY_PORT --archive $WAL_ARCHIVE"
PG_STANDBY_START="$ROOT/scripts/pg.sh standby $PG_PRIMARY_PORT $PG_STANDBY_DIR $PG_STANDBY_PORT"
$PG_PRIMARY_START
CONNECTION_STRING="Host=127.0.0.1;Port=$PG_PRIMARY_PORT;Database=ownerportal;Username=postgres"
export ConnectionStrings__Default=$CONNECTION_STRING

# --- SMTP sink (appends: a restart keeps the messages already received)
SMTP_LOG=$S/smtp.log SMTP_PID_FILE=$S/smtp.pid
SMTP_START="$(smtp_sink_command $SMTP_PORT "$SMTP_LOG") & echo \$! >$SMTP_PID_FILE"
: >"$SMTP_LOG"
eval "$SMTP_START"
wait_port $SMTP_PORT || { echo "SMTP sink did not start (see $SMTP_LOG)" >&2; exit 1; }

build_sites "$S/build.log"
prepare_database
# After the demo load, so the base backup copies it rather than streaming it.
$PG_STANDBY_START

# --- The instances' settings (environment variables; see README "Running on real servers")
# Development: the committed demo secrets are refused in Production (Core/Web/DevelopmentSecrets.cs).
export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Reads="Host=127.0.0.1:$PG_STANDBY_PORT,127.0.0.1:$PG_PRIMARY_PORT;Database=ownerportal;Username=postgres;Target Session Attributes=prefer-standby"
export Mail__Host=127.0.0.1 Mail__Port=$SMTP_PORT Mail__Security=None
# HAProxy connects from 127.0.0.1: only its X-Forwarded-* are believed. The public site is https only.
export Proxy__KnownProxies__0=127.0.0.1 Proxy__Https=true Cookies__Secure=true
# OpenID Connect on the public https addresses; the provider requires https, as it sees it through the proxy.
export Oidc__RequireHttps=true Oidc__RequireHttpsMetadata=true Oidc__Authority=$PORTAL_URL PortalUrl=$PORTAL_URL
export Oidc__Clients__0__RedirectUris__0="$ADMIN_URL/signin-oidc"
export Oidc__Clients__0__PostLogoutRedirectUris__0="$ADMIN_URL/signout-callback-oidc"
# Photos (and photos staged between two posts of a form) in one folder every instance reads and writes.
export Storage__AttachmentsPath=$ROOT/.data-scaled/attachments

# supervise NAME PROJECT PORT METRICS_PORT: runs the instance, and again 2 s after it exits (systemd Restart=always).
supervise() {
  local name=$1 project=$2 port=$3 metrics=$4 extra=(Proxy__HttpsPort=8443)
  [ "$project" = Admin ] && extra=(Proxy__HttpsPort=9443 SSL_CERT_FILE="$S/tls/trust.pem")
  while [ ! -f "$S/stopping" ]; do
    (cd "src/$project" && exec env "${extra[@]}" Metrics__Port="$metrics" dotnet "$ROOT/$(site_dll "$project")" \
      --urls "http://127.0.0.1:$port" >>"$S/$name.log" 2>&1) &
    echo $! >"$S/pids/$name.pid"
    wait $! || true
    [ -f "$S/stopping" ] && break
    echo "$(date -u +%FT%TZ) $name exited; restarting in 2 s" >>"$S/supervisor.log"
    sleep 2
  done
}
supervise portal-1 Portal 5081 9471 & supervisors+=($!)
supervise portal-2 Portal 5082 9472 & supervisors+=($!)
supervise admin-1 Admin 5091 9481 & supervisors+=($!)
supervise admin-2 Admin 5092 9482 & supervisors+=($!)

# --- HAProxy (master-worker: SIGUSR2 to the master reloads the configuration without dropping connections)
cat >"$S/haproxy.cfg" <<CFG
global
    maxconn 4000
    log stdout format raw local0 notice
defaults
    mode http
    log global
    option httplog
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout tunnel 1h
    # A connection refused by a dead instance is retried on the other one (the request never reached it); the
    # last try goes to another instance.
    retries 2
    option redispatch
    # A GET also when the instance died after taking the connection (kill -9): nothing was done yet, or it is safe to
    # repeat. A POST never: whether it took effect is unknown (idempotency keys make the client's own retry safe).
    retry-on conn-failure empty-response
    # The client address for rate limits and logs; the instances believe it from 127.0.0.1 only (Proxy:KnownProxies).
    option forwardfor
    default-server check inter 2s fall 2 rise 2
frontend portal_http
    bind 127.0.0.1:8080
    http-request redirect location https://%[req.hdr(host),field(1,:)]:8443%[url] code 301
frontend admin_http
    bind 127.0.0.1:9080
    http-request redirect location https://%[req.hdr(host),field(1,:)]:9443%[url] code 301
frontend portal_https
    bind 127.0.0.1:8443 ssl crt $S/tls/site.pem alpn http/1.1
    # Whatever a client sent as X-Forwarded-* is dropped: only the proxy's own are passed on.
    http-request del-header X-Forwarded-For
    http-request set-header X-Forwarded-Proto https
    http-request set-header X-Forwarded-Host %[req.hdr(host)]
    http-response set-header Strict-Transport-Security "max-age=31536000"
    default_backend portal
frontend admin_https
    bind 127.0.0.1:9443 ssl crt $S/tls/site.pem alpn http/1.1
    http-request del-header X-Forwarded-For
    http-request set-header X-Forwarded-Proto https
    http-request set-header X-Forwarded-Host %[req.hdr(host)]
    http-response set-header Strict-Transport-Security "max-age=31536000"
    default_backend admin
backend portal
    balance roundrobin
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    option httpchk
    http-check send meth GET uri $HEALTH_PATH ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    server portal-1 127.0.0.1:5081
    server portal-2 127.0.0.1:5082
backend admin
    balance roundrobin
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    # The dashboards' charts are Blazor circuits that live in one instance's memory: a browser stays on its instance
    # (and moves to the other one only when its instance is down).
    cookie op_admin_instance insert indirect nocache secure httponly
    option httpchk
    http-check send meth GET uri $HEALTH_PATH ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    server admin-1 127.0.0.1:5091 cookie a1
    server admin-2 127.0.0.1:5092 cookie a2
CFG
haproxy -c -q -f "$S/haproxy.cfg"
haproxy -W -D -f "$S/haproxy.cfg" -p "$S/haproxy.pid" >>"$S/haproxy.log" 2>&1
PROXY_RELOAD="kill -USR2 \$(cat $S/haproxy.pid)"

cat >"$S/env" <<ENV
# Written by ./run.sh --scaled ($(date -u +%FT%TZ)); source it.
PORTAL_URL=$PORTAL_URL
ADMIN_URL=$ADMIN_URL
PG_PRIMARY_DIR=$PG_PRIMARY_DIR
PG_PRIMARY_PORT=$PG_PRIMARY_PORT
PG_STANDBY_DIR=$PG_STANDBY_DIR
PG_STANDBY_PORT=$PG_STANDBY_PORT
PG_PRIMARY_START='$PG_PRIMARY_START'
PG_STANDBY_START='$PG_STANDBY_START'
WAL_ARCHIVE=$WAL_ARCHIVE
SMTP_PORT=$SMTP_PORT
SMTP_LOG=$SMTP_LOG
SMTP_START='$SMTP_START'
SMTP_PID_FILE=$SMTP_PID_FILE
PROXY_RELOAD='$PROXY_RELOAD'
INSTANCE_PIDS_DIR=$S/pids
CONNECTION_STRING='$CONNECTION_STRING'
PSQL_URL=postgresql://postgres@127.0.0.1:$PG_PRIMARY_PORT/ownerportal
TLS_CERT=$S/tls/site.crt
ENV

# Four instances starting at once on a small machine take a while.
HEALTHY_WITHIN=180 wait_healthy "$PORTAL_URL$HEALTH_PATH" "$ADMIN_URL$HEALTH_PATH"
cat <<MSG

OwnerPortal, production-like (logs in .run/scaled/, settings in .run/scaled/env):
  Portal (owners):  $PORTAL_URL   (instances 127.0.0.1:5081, :5082)
  Admin  (staff):   $ADMIN_URL   (instances 127.0.0.1:5091, :5092)
  The certificate is self-signed (.run/scaled/tls/site.crt): accept it in the browser, or curl --cacert it.
  PostgreSQL:       primary 127.0.0.1:$PG_PRIMARY_PORT, standby 127.0.0.1:$PG_STANDBY_PORT
  Mail:             sink on 127.0.0.1:$SMTP_PORT, every message is written to .run/scaled/smtp.log
MSG
demo_sign_ins
echo "Press Ctrl-C to stop."
wait "${supervisors[@]}"
