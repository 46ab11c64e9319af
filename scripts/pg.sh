#!/usr/bin/env bash
# A private PostgreSQL 15 cluster in a git-ignored folder, on its own port (docs/decisions/ADR-002).
#   scripts/pg.sh start DATADIR PORT [--fast]   initdb if new, start, create database "ownerportal"
#   scripts/pg.sh stop DATADIR
# Works as root: the server runs as the "postgres" user, which owns the data folder.
set -euo pipefail
cmd=${1:?start|stop}; datadir=$(realpath -m "${2:?data folder}")
bin=/usr/lib/postgresql/15/bin
run_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

ensure_server() {
  if [ ! -x "$bin/initdb" ]; then
    echo "Installing PostgreSQL 15 server…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
}

case "$cmd" in
  start)
    port=${3:?port}; fast=${4:-}
    ensure_server
    mkdir -p "$datadir"
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$datadir"; chmod 700 "$datadir"
      # postgres must be able to reach the folder through its parents.
      p=$(dirname "$datadir"); while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    fi
    if [ ! -f "$datadir/PG_VERSION" ]; then
      run_as_pg "$bin/initdb" -D "$datadir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    opts="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$datadir -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=4GB -c work_mem=32MB -c maintenance_work_mem=512MB -c wal_level=minimal -c max_wal_senders=0"
    [ "$fast" = --fast ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! run_as_pg "$bin/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
      run_as_pg "$bin/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -o "$opts" start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ownerportal'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE ownerportal"
    ;;
  stop)
    if [ -f "$datadir/PG_VERSION" ]; then run_as_pg "$bin/pg_ctl" -D "$datadir" -m fast stop >/dev/null 2>&1 || true; fi
    ;;
  *) echo "usage: $0 start|stop DATADIR [PORT]" >&2; exit 2 ;;
esac
