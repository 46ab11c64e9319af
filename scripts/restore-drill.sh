#!/usr/bin/env bash
# Restores the latest backup into a fresh cluster and checks it against the source (README "Backups").
#   scripts/restore-drill.sh base SOURCE_PORT BACKUPS ARCHIVE [--port P] [--database DB] [--keep]
#       newest BACKUPS/base-*/ (scripts/backup.sh base) + the WAL archive ARCHIVE replayed to its end
#   scripts/restore-drill.sh dump SOURCE_PORT BACKUPS [--port P] [--database DB] [--keep]
#       newest BACKUPS/dump-*.dump (scripts/backup.sh dump) restored with pg_restore
# The restored cluster runs on P (default: the first free port from 55700) in a temporary folder, removed at the end
# unless --keep. Prints row counts of the main tables and the latest case (id, reference) for both sides, and exits
# 1 if anything differs. It compares with the source as it is now: run it when the source is quiet, or right after
# the backup (for a dump, any change since the dump is a difference).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?base|dump}; source_port=${2:?source port}; backups=$(realpath -m "${3:?backup folder}"); shift 3
archive=""
if [ "$mode" = base ]; then archive=$(realpath -m "${1:?WAL archive folder}"); shift; fi
port=""; db=ownerportal; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?port}; shift ;;
    --database) db=${2:?database}; shift ;;
    --keep) keep=1 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$port" ]; then port=55700; while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done; fi

q() { psql -h 127.0.0.1 -p "$1" -U postgres -d "$2" -XAtqc "$3"; }
work=$(mktemp -d /tmp/ownerportal-drill.XXXXXX)
datadir="$work/data"
cleanup() { scripts/pg.sh stop "$datadir"; if [ "$keep" = 1 ]; then echo "restored cluster kept in $datadir"; else rm -rf "$work"; fi; }
trap cleanup EXIT
started=$(date +%s)

case "$mode" in
  base)
    latest=$(ls -d "$backups"/base-* 2>/dev/null | sort | tail -n 1)
    [ -n "$latest" ] || { echo "no base backup in $backups" >&2; exit 2; }
    # Close the source's current WAL segment and wait until it is archived: the restore replays up to there.
    segment=$(q "$source_port" postgres "SELECT pg_walfile_name(pg_switch_wal())")
    for _ in $(seq 1 120); do
      archived=$(q "$source_port" postgres "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
      if [ "$archived" = "$segment" ] || [[ "$archived" > "$segment" ]]; then break; fi
      sleep 0.5
    done
    [ -f "$archive/$segment" ] || { echo "WAL segment $segment never reached $archive: is archiving on?" >&2; exit 2; }
    mkdir -p "$datadir"
    cp -a "$latest/." "$datadir/"
    rm -f "$datadir/standby.signal" "$datadir/postmaster.pid"
    # Archive recovery with no target: replay every archived segment, then open on a new timeline.
    printf "restore_command = 'cp %s/%%f %%p'\nrecovery_target_timeline = 'latest'\n" "$archive" >>"$datadir/postgresql.auto.conf"
    touch "$datadir/recovery.signal"
    [ "$(id -u)" = 0 ] && chown -R postgres "$datadir"
    scripts/pg.sh start "$datadir" "$port" --fast --replicated
    for _ in $(seq 1 240); do
      [ "$(q "$port" postgres "SELECT pg_is_in_recovery()")" = f ] && break
      sleep 0.5
    done
    [ "$(q "$port" postgres "SELECT pg_is_in_recovery()")" = f ] || { echo "recovery did not finish" >&2; exit 1; }
    ;;
  dump)
    latest=$(ls "$backups"/dump-*.dump 2>/dev/null | sort | tail -n 1)
    [ -n "$latest" ] || { echo "no dump in $backups" >&2; exit 2; }
    scripts/pg.sh start "$datadir" "$port" --fast
    [ "$db" = ownerportal ] || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$db\""
    pg_restore -h 127.0.0.1 -p "$port" -U postgres -d "$db" --exit-on-error "$latest"
    ;;
  *) echo "usage: $0 base|dump SOURCE_PORT BACKUPS [ARCHIVE] [--port P] [--database DB] [--keep]" >&2; exit 2 ;;
esac

echo "restore drill ($mode): $latest -> port $port in $(( $(date +%s) - started )) s"
printf '%-24s %12s %12s\n' table source restored
mismatch=0
for table in estates buildings units people unit_memberships staff users cases case_events case_attachments work_orders \
             callbacks notices hotline_tickets survey_responses outbox_messages; do
  s=$(q "$source_port" "$db" "SELECT count(*) FROM $table")
  r=$(q "$port" "$db" "SELECT count(*) FROM $table")
  flag=""; [ "$s" = "$r" ] || { flag="  MISMATCH"; mismatch=1; }
  printf '%-24s %12s %12s%s\n' "$table" "$s" "$r" "$flag"
done
latest_case="SELECT coalesce((SELECT id || ' ' || reference FROM cases ORDER BY id DESC LIMIT 1), 'none')"
s=$(q "$source_port" "$db" "$latest_case"); r=$(q "$port" "$db" "$latest_case")
flag=""; [ "$s" = "$r" ] || { flag="  MISMATCH"; mismatch=1; }
echo "latest case: source $s, restored $r$flag"
if [ "$mismatch" = 1 ]; then echo "RESTORE DRILL FAILED"; exit 1; fi
echo "RESTORE DRILL OK"
