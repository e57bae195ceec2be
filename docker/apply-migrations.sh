#!/usr/bin/env bash
# Applies pending migrations to the compose database, in a one-off bot container (so it
# works whether the bot runs or not). The bot also applies them at every start. Works
# from any directory: docker/apply-migrations.sh
# Outside Docker: `make migrate` from the project root.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$DOCKER_DIR"
compose run --rm bot piccolo migrations forwards all
