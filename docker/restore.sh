#!/usr/bin/env bash
# Restores a backup made by backup.sh into the bot's database, in one transaction (a
# failed restore changes nothing). The bot is stopped for it and started again after.
# Works from any directory:
#   docker/restore.sh backups/backup_20260101_020000.sql.gz
# The file is checked before anything is stopped. PG_LOCAL=1 (see lib.sh) restores on
# this machine and leaves stopping the bot to you.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [ $# -ne 1 ]; then
  echo "usage: docker/restore.sh BACKUP_FILE.sql.gz" >&2
  exit 2
fi
backup="$1"
refuse() {
  echo "restore.sh: $1; nothing was stopped nor changed" >&2
  exit 2
}
[ -f "$backup" ] || refuse "no backup file at $backup"
[ -r "$backup" ] || refuse "$backup cannot be read"
gzip -t "$backup" 2> /dev/null || refuse "$backup is not a gzip file (or it is truncated)"
if ! (set +o pipefail; gunzip -c "$backup" | head -n 20 | grep -q 'PostgreSQL database dump'); then
  refuse "$backup is not a pg_dump backup"
fi
backup="$(cd "$(dirname "$backup")" && pwd)/$(basename "$backup")"  # before the cd below
cd "$DOCKER_DIR"

database="$(setting POSTGRES_DB telegram_bot)"
if [ "${PG_LOCAL:-0}" = 1 ]; then
  echo "PG_LOCAL=1: no bot must be running on $database while it is restored"
else
  compose stop bot
  trap 'compose start bot' EXIT
fi
gunzip -c "$backup" | pg psql --quiet --single-transaction -v ON_ERROR_STOP=1 -d "$database" \
  > /dev/null
echo "restored $backup into $database"
