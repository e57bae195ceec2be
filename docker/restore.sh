#!/usr/bin/env bash
# Restores a backup made by backup.sh into the (stopped bot's) database.
#   ./restore.sh ../backups/backup_20260101_020000.sql.gz
set -euo pipefail
cd "$(dirname "$0")"
backup="${1:?usage: restore.sh BACKUP_FILE.sql.gz}"
set -a; [ -f ../.env ] && . ../.env; set +a
docker compose stop bot
gunzip -c "$backup" | docker compose exec -T postgres psql -v ON_ERROR_STOP=1 \
  -U "${POSTGRES_USER:-botuser}" -d "${POSTGRES_DB:-telegram_bot}"
docker compose start bot
