# Sourced by the scripts in this folder (apply-migrations.sh, backup.sh, restore.sh):
# where things are, the settings they need from the project's .env, and how to run
# compose and PostgreSQL's client tools. The scripts work from any directory.
#
# PG_LOCAL=1 runs pg_dump / psql on this machine against POSTGRES_HOST:POSTGRES_PORT
# (a server outside Docker, or the tests) instead of inside the postgres container.

DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_DIR="$(dirname "$DOCKER_DIR")"
ENV_FILE="${ENV_FILE:-$PROJECT_DIR/.env}"

# setting NAME DEFAULT: the variable from the environment, else its last assignment in
# .env (quotes removed), else DEFAULT. .env is read, never sourced: it is not shell.
setting() {
  local name=$1 default=$2 value=""
  if [ -n "${!name:-}" ]; then
    printf '%s\n' "${!name}"
    return
  fi
  if [ -f "$ENV_FILE" ]; then
    value="$(sed -n "s/^[[:space:]]*${name}[[:space:]]*=[[:space:]]*//p" "$ENV_FILE" | tail -n 1)"
    value="${value%\"}" && value="${value#\"}" && value="${value%\'}" && value="${value#\'}"
  fi
  printf '%s\n' "${value:-$default}"
}

# compose ARGS...: docker compose on this folder's compose file with the project's .env
# (docker/.env is a link to it too, for `cd docker && docker compose ...` by hand).
compose() {
  local env_args=()
  if [ -f "$ENV_FILE" ]; then env_args=(--env-file "$ENV_FILE"); fi
  docker compose --project-directory "$DOCKER_DIR" -f "$DOCKER_DIR/docker-compose.yml" \
    "${env_args[@]}" "$@"
}

# The database password for PG_LOCAL=1: POSTGRES_PASSWORD, else the Docker secret file.
postgres_password() {
  local password
  password="$(setting POSTGRES_PASSWORD "")"
  if [ -z "$password" ] && [ -r "$PROJECT_DIR/secrets/postgres_password" ]; then
    password="$(cat "$PROJECT_DIR/secrets/postgres_password")"
  fi
  printf '%s' "$password"
}

# pg TOOL ARGS...: a PostgreSQL client tool as the bot's database user, on its database's
# server: in the postgres container (its local socket), or here with PG_LOCAL=1.
pg() (
  local tool=$1
  shift
  local user
  user="$(setting POSTGRES_USER botuser)"
  if [ "${PG_LOCAL:-0}" = 1 ]; then
    local password
    password="$(postgres_password)"
    if [ -n "$password" ]; then export PGPASSWORD="$password"; fi
    exec "$tool" -h "$(setting POSTGRES_HOST localhost)" -p "$(setting POSTGRES_PORT 5432)" \
      -U "$user" "$@"
  fi
  compose exec -T postgres "$tool" -U "$user" "$@"
)
