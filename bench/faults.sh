#!/usr/bin/env bash
# Fault drill (issue #16): a steady load of owners reading and filing cases (some with photos), staff working their
# queues and dashboards, against the scaled stack (./run.sh --scaled), while these faults are injected one after
# another with recovery time between:
#   portal-kill    SIGKILL of Portal instance 1 (the supervisor starts it again)
#   pg-restart     the PostgreSQL primary stopped and started again at once
#   standby-stop   the standby stopped for STANDBY_DOWN seconds, then started again
#   smtp-stop      the SMTP sink stopped for SMTP_DOWN seconds while 1,000 notifications fall due
#   proxy-reload   HAProxy reloaded gracefully
# Then it waits for the outbox to drain and prints a table per fault: requests, non-2xx/3xx answers and network
# errors clients saw (and the span in which they saw them), submissions acknowledged vs found in the database by
# idempotency key, duplicate cases, mails due vs delivered (Message-Id in the SMTP log) and duplicate Message-Ids.
# Exit status 0 only when nothing was lost or duplicated.
#   bench/faults.sh                    (starts ./run.sh --scaled itself when .run/scaled/env is absent or dead)
#   FAULTS="pg-restart smtp-stop" RATE=8 RECOVER=45 bench/faults.sh
# Files of the run (load driver output, fault times, report) go to .run/faults/<UTC time>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ENV_FILE=${FAULTS_ENV:-.run/scaled/env}
FAULTS=${FAULTS:-portal-kill pg-restart standby-stop smtp-stop proxy-reload}
RATE=${RATE:-8}                      # actions per second, steady for the whole run
MIX=${MIX:-owner=55,submit=20,staff=20,dashboard=5}
WARMUP=${WARMUP:-30}                 # seconds of load before the first fault
RECOVER=${RECOVER:-45}               # seconds after a fault is over before the next one
STANDBY_DOWN=${STANDBY_DOWN:-60}
SMTP_DOWN=${SMTP_DOWN:-120}
MAILS=${MAILS:-1000}
DRAIN_TIMEOUT=${DRAIN_TIMEOUT:-900}  # seconds to wait for the outbox to empty after the load
OUT=.run/faults/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
stack_pid="" load_pid=""

cleanup() {
  trap - INT TERM EXIT
  [ -n "$load_pid" ] && kill -TERM "$load_pid" 2>/dev/null || true
  if [ -n "$stack_pid" ]; then
    echo "stopping the stack this script started…"
    kill -TERM "$stack_pid" 2>/dev/null || true  # (a background script ignores SIGINT)
    wait "$stack_pid" 2>/dev/null || true
  fi
}
trap cleanup INT TERM EXIT

say() { echo "$(date -u +%H:%M:%S) $*"; }
answers() { curl -ksf -o /dev/null --max-time 5 "$1/healthz/live" || curl -ksf -o /dev/null --max-time 5 "$1/healthz"; }
stack_up() { [ -f "$ENV_FILE" ] && (set +u; . "$ENV_FILE"; answers "$PORTAL_URL" && answers "$ADMIN_URL"); }

if ! stack_up; then
  [ -n "${FAULTS_ENV:-}" ] && { echo "$ENV_FILE: the stack it describes does not answer" >&2; exit 1; }
  say "starting ./run.sh --scaled (log in $OUT/stack.log)…"
  rm -f "$ENV_FILE"
  setsid ./run.sh --scaled >"$OUT/stack.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 360); do stack_up && break; kill -0 "$stack_pid" 2>/dev/null || break; sleep 5; done
  stack_up || { tail -20 "$OUT/stack.log" >&2; echo "the scaled stack did not come up" >&2; exit 1; }
fi
set +u; . "$ENV_FILE"; set -u
export ConnectionStrings__Default=$CONNECTION_STRING
q() { psql -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U postgres -d ownerportal -tAc "$1"; }

dotnet build src/Ops -c Release -nologo -v quiet -clp:ErrorsOnly >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
OPS=src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll
ops() { dotnet "$OPS" "$@"; }

q "SELECT coalesce(max(id), 0) FROM outbox_messages" >"$OUT/outbox-start"
: >"$OUT/faults.tsv"
mark() { echo -e "$1\t$(date +%s%3N)" >>"$OUT/faults.tsv"; say "fault: $1"; }
now_ms() { date +%s%3N; }

say "load: $RATE actions/s ($MIX) against $PORTAL_URL and $ADMIN_URL"
# dotnet itself in the background (not the ops function, whose subshell would get the SIGTERM meant for it).
dotnet "$OPS" load --portal "$PORTAL_URL" --admin "$ADMIN_URL" --rate "$RATE" --mix "$MIX" --duration 0 --out "$OUT" >"$OUT/load.log" 2>&1 &
load_pid=$!
for _ in $(seq 1 120); do grep -q "sessions signed in" "$OUT/load.log" && break; sleep 1; done
grep "sessions signed in" "$OUT/load.log" || { cat "$OUT/load.log" >&2; exit 1; }
sleep "$WARMUP"

for fault in $FAULTS; do
  case $fault in
    portal-kill)
      mark "SIGKILL portal-1"
      old=$(cat "$INSTANCE_PIDS_DIR/portal-1.pid")
      kill -KILL "$old"
      for i in $(seq 1 60); do
        new=$(cat "$INSTANCE_PIDS_DIR/portal-1.pid" 2>/dev/null || true)
        [ -n "$new" ] && [ "$new" != "$old" ] && { say "portal-1 started again as pid $new after ~${i} s"; break; }
        sleep 1
      done
      ;;
    pg-restart)
      mark "PostgreSQL primary restart"
      t0=$(now_ms)
      scripts/pg.sh stop "$PG_PRIMARY_DIR"
      eval "$PG_PRIMARY_START" >/dev/null
      say "primary down and up again in $(( ($(now_ms) - t0) )) ms (stop to accepting connections)"
      ;;
    standby-stop)
      mark "standby stopped ${STANDBY_DOWN}s"
      scripts/pg.sh stop "$PG_STANDBY_DIR"
      sleep "$STANDBY_DOWN"
      eval "$PG_STANDBY_START" >/dev/null
      say "standby started again"
      ;;
    smtp-stop)
      mark "SMTP down ${SMTP_DOWN}s, $MAILS mails due"
      cp "$SMTP_LOG" "$OUT/smtp-before.log"
      kill "$(cat "$SMTP_PID_FILE")"
      ops drill-mail "$MAILS"
      sleep "$SMTP_DOWN"
      (cd "$ROOT" && eval "$SMTP_START")
      say "SMTP sink started again"
      ;;
    proxy-reload)
      mark "proxy reload"
      eval "$PROXY_RELOAD"
      ;;
    *) echo "unknown fault $fault" >&2; exit 2 ;;
  esac
  sleep "$RECOVER"
done

mark "(after the last fault)"
sleep 10
kill -TERM "$load_pid"; wait "$load_pid" || true; load_pid=""
sed -n '3,$p' "$OUT/load.log"   # the driver's own summary per class

say "waiting for the outbox to drain (at most ${DRAIN_TIMEOUT}s)…"
start_id=$(cat "$OUT/outbox-start")
for _ in $(seq 1 $((DRAIN_TIMEOUT / 5))); do
  [ "$(q "SELECT count(*) FROM outbox_messages WHERE id > $start_id AND status = 0")" = 0 ] && break
  sleep 5
done
sleep 5 # the sink writes a message after it has answered 250

# The sink appends to SMTP_LOG; should a restart have emptied it, the copy taken before the stop keeps the rest.
smtp_log=$SMTP_LOG
if [ -f "$OUT/smtp-before.log" ] && ! cmp -s -n "$(stat -c %s "$OUT/smtp-before.log")" "$OUT/smtp-before.log" "$SMTP_LOG"; then
  cat "$OUT/smtp-before.log" "$SMTP_LOG" >"$OUT/smtp-all.log"; smtp_log=$OUT/smtp-all.log
fi
status=0
ops faults-report "$OUT" "$smtp_log" | tee "$OUT/report.txt" || status=$?
echo "files: $OUT"
exit $status
