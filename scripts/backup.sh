#!/usr/bin/env bash
# Backs up the OwnerPortal database (README "Backups"). Restore and check with scripts/restore-drill.sh.
#   scripts/backup.sh base PORT DEST   physical base backup (pg_basebackup) into DEST/base-<UTC time>/.
#                                      With the WAL archive that `scripts/pg.sh start … --archive DIR` fills, it
#                                      restores to the last archived change (point in time).
#   scripts/backup.sh dump PORT DEST [DATABASE]
#                                      logical dump (pg_dump, custom format) of DATABASE (default ownerportal) into
#                                      DEST/dump-<UTC time>.dump: enough for a small company, restores to that moment.
# Keep DEST (and the WAL archive) on another disk or machine. Old backups are not removed: prune by date.
set -euo pipefail
mode=${1:?base|dump}; port=${2:?port}; dest=$(realpath -m "${3:?backup folder}")
bin=/usr/lib/postgresql/15/bin
run_as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"

case "$mode" in
  base)
    target="$dest/base-$stamp"
    # Written by the server's user (it owns data folders); parents must let it through (see pg.sh own_folder).
    if [ "$(id -u)" = 0 ]; then
      chown postgres "$dest"; chmod 700 "$dest"
      p=$(dirname "$dest"); while [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
    fi
    # -X stream: the WAL written during the copy comes along, so the backup is consistent on its own; the archive
    # then carries it forward. -c fast: checkpoint now instead of waiting for the next one.
    run_as_pg "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$target" -X stream -c fast
    echo "base backup: $target"
    ;;
  dump)
    db=${4:-ownerportal}
    target="$dest/dump-$stamp.dump"
    pg_dump -h 127.0.0.1 -p "$port" -U postgres -Fc -f "$target.part" "$db"
    mv "$target.part" "$target" # a dump file exists only once it is complete
    echo "dump: $target"
    ;;
  *) echo "usage: $0 base|dump PORT DEST [DATABASE]" >&2; exit 2 ;;
esac
