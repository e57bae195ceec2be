#!/usr/bin/env bash
# Backup: a gzipped plain-SQL pg_dump of the bot's database into backups/ (BACKUP_DIR),
# keeping BACKUP_KEEP_DAYS days (14). Works from any directory:
#   docker/backup.sh
#   cron: 0 2 * * * /path/to/shopbot/docker/backup.sh >> /path/to/shopbot/backups/cron.log 2>&1
# Restore one with docker/restore.sh. PG_LOCAL=1: see lib.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOCKER_DIR"

backup_dir="${BACKUP_DIR:-$PROJECT_DIR/backups}"
mkdir -p "$backup_dir"
target="$backup_dir/backup_$(date +%Y%m%d_%H%M%S).sql.gz"
trap 'rm -f "$target.partial"' EXIT
# --clean --if-exists: the dump drops what it recreates, so it restores over a database
# as well as into an empty one; --no-owner: into a database owned by another user too.
pg pg_dump --clean --if-exists --no-owner --no-privileges "$(setting POSTGRES_DB telegram_bot)" \
  | gzip > "$target.partial"
mv "$target.partial" "$target"
find "$backup_dir" -name 'backup_*.sql.gz' -mtime +"${BACKUP_KEEP_DAYS:-14}" -delete
echo "backup written: $target"
