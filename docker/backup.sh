#!/usr/bin/env bash
# Daily backup: a gzipped pg_dump into ../backups, keeping the last 14 days.
# cron: 0 2 * * * /path/to/shopbot/docker/backup.sh
set -euo pipefail
cd "$(dirname "$0")"
set -a; [ -f ../.env ] && . ../.env; set +a
mkdir -p ../backups
target="../backups/backup_$(date +%Y%m%d_%H%M%S).sql.gz"
docker compose exec -T postgres pg_dump --clean --if-exists -U "${POSTGRES_USER:-botuser}" "${POSTGRES_DB:-telegram_bot}" \
  | gzip > "$target.partial"
mv "$target.partial" "$target"
find ../backups -name 'backup_*.sql.gz' -mtime +14 -delete
echo "backup written: $target"
