#!/usr/bin/env bash
# Applies pending migrations in the running bot container. The bot also applies them
# at every start; this is for applying them without a restart.
set -euo pipefail
cd "$(dirname "$0")"
docker compose exec -T bot piccolo migrations forwards all
