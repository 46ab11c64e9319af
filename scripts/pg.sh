#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in a git-ignored folder, on its own port (docs/decisions/ADR-002).
#   scripts/pg.sh start DATADIR PORT [--fast] [--replicated] [--archive DIR]
#                                      initdb if new, start, create database "ownerportal"
#       --fast        no fsync (tests only)
#       --replicated  wal_level=replica and WAL senders, so standbys and base backups can attach
#                     (without it wal_level=minimal: bulk loads into new tables skip the WAL)
#       --archive DIR also copy every finished WAL segment to DIR (point-in-time restore; implies --replicated)
#   scripts/pg.sh standby PRIMARY_PORT DATADIR PORT [--fast]
#                                      streaming-replication standby of the primary on PRIMARY_PORT (pg_basebackup)
#   scripts/pg.sh promote DATADIR      the standby becomes a primary
#   scripts/pg.sh stop DATADIR
# Works as root: the server runs as the "postgres" user, which owns the data folder.
set -euo pipefail
cmd=${1:?start|standby|promote|stop}
bin=/usr/lib/postgresql/15/bin
run_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ensure_server() {
  if [ ! -x "$bin/initdb" ]; then
    echo "Installing PostgreSQL 15 server…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
}

# The folder belongs to postgres, which must be able to reach it through its parents.
own_folder() {
  mkdir -p "$1"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$1"; chmod 700 "$1"
    local p; p=$(dirname "$1"); while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
  fi
}

server_options() { # PORT DATADIR FAST REPLICATED ARCHIVE
  local o="-p $1 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$2 -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=4GB -c work_mem=32MB -c maintenance_work_mem=512MB"
  if [ "$4" = 1 ]; then o="$o -c wal_level=replica -c max_wal_senders=10 -c wal_keep_size=1GB -c hot_standby=on -c hot_standby_feedback=on"
  else o="$o -c wal_level=minimal -c max_wal_senders=0"; fi
  [ -n "$5" ] && o="$o -c archive_mode=on -c archive_command='test ! -f $5/%f && cp %p $5/%f'"
  [ "$3" = 1 ] && o="$o -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  echo "$o"
}

start_server() { # DATADIR OPTIONS
  if ! run_as_pg "$bin/pg_ctl" -D "$1" status >/dev/null 2>&1; then
    run_as_pg "$bin/pg_ctl" -D "$1" -l "$1/server.log" -w -o "$2" start >/dev/null
  fi
}

case "$cmd" in
  start)
    datadir=$(realpath -m "${2:?data folder}"); port=${3:?port}; shift 3
    fast=0; replicated=0; archive=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --fast) fast=1 ;;
        --replicated) replicated=1 ;;
        --archive) archive=$(realpath -m "${2:?archive folder}"); replicated=1; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
      esac
      shift
    done
    ensure_server
    own_folder "$datadir"
    [ -n "$archive" ] && own_folder "$archive"
    if [ ! -f "$datadir/PG_VERSION" ]; then
      run_as_pg "$bin/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    start_server "$datadir" "$(server_options "$port" "$datadir" $fast $replicated "$archive")"
    psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ownerportal'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE ownerportal"
    ;;
  standby)
    primary_port=${2:?primary port}; datadir=$(realpath -m "${3:?data folder}"); port=${4:?port}
    fast=0; [ "${5:-}" = --fast ] && fast=1
    ensure_server
    if [ ! -f "$datadir/PG_VERSION" ]; then
      own_folder "$datadir"
      # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
      run_as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$datadir" -R -X stream -c fast
    fi
    start_server "$datadir" "$(server_options "$port" "$datadir" $fast 1 "")"
    ;;
  promote)
    datadir=$(realpath -m "${2:?data folder}")
    run_as_pg "$bin/pg_ctl" -D "$datadir" -w promote >/dev/null
    ;;
  stop)
    datadir=$(realpath -m "${2:?data folder}")
    if [ -f "$datadir/PG_VERSION" ]; then run_as_pg "$bin/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: $0 start|standby|promote|stop …" >&2; exit 2 ;;
esac
