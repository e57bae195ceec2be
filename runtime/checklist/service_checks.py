"""Checks that reach the database, Redis and (with `--online`) Telegram.

Nothing here changes anything: the database is queried without migrating (the bot and
`docker/apply-migrations.sh` do that), and the Telegram login uses a throwaway
in-memory session that asks for no updates (`production_client_factory(ephemeral=True)`),
so a running bot's session and update stream are left alone. Every wait is bounded.
"""

from __future__ import annotations

from typing import Any

import anyio
from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.conf.apps import AppConfig, Finder
from piccolo.querystring import QueryString
from pyrogram.errors.rpc_error import RPCError
from redis.exceptions import RedisError

from config import Settings
from runtime.cache import redis_client
from runtime.checklist.report import CheckResult, describe_error
from runtime.db_engine import DatabaseEngine, ShopPostgresEngine
from runtime.telegram import ClientFactory

#: Seconds each check may wait for a server.
SERVICE_TIMEOUT = 10.0

#: The seed checklist's indexes (SEED_CHECKLIST.md), created by the first migration.
SEED_INDEXES = (
    "idx_users_last_active",
    "idx_orders_created",
    "idx_orders_user_status",
    "idx_broadcasts_status_created",
    "idx_products_available_category",
)

APPLY_MIGRATIONS = (
    "docker/apply-migrations.sh (or `make migrate` outside Docker); the bot also applies"
    " them at every start"
)


async def fetch(engine: DatabaseEngine, sql: str, *args: Any) -> list[dict[str, Any]]:
    with anyio.fail_after(SERVICE_TIMEOUT):
        rows: list[dict[str, Any]] = await engine.run_querystring(QueryString(sql, *args))
        return rows


async def check_database(settings: Settings, engine: DatabaseEngine | None) -> CheckResult:
    """PostgreSQL answers (production runs on it, not on the SQLite fallback: `engine`
    is None without POSTGRES_HOST)."""
    title = "database reachable"
    if engine is None:
        return CheckResult.failed(
            title,
            f"POSTGRES_HOST is empty, so the bot runs on SQLite ({settings.sqlite_path})",
            "production runs on PostgreSQL: set POSTGRES_HOST (compose sets it to postgres)",
        )
    where = f"{settings.postgres_host}:{settings.postgres_port}/{settings.postgres_db}"
    try:
        rows = await fetch(engine, "SHOW server_version")
    except TimeoutError:
        found = f"{where} did not answer within {SERVICE_TIMEOUT:g} s"
    except Exception as error:  # noqa: BLE001 - any failure is the reason shown
        found = f"{where} as {settings.postgres_user}: {describe_error(error)}"
    else:
        return CheckResult.passed(title, f"PostgreSQL {rows[0]['server_version']} at {where}")
    return CheckResult.failed(
        title,
        found,
        "start PostgreSQL (`docker compose up -d postgres`) and check POSTGRES_HOST, "
        "POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER and the password",
    )


def shop_app() -> AppConfig:
    """The Piccolo app of the shop's tables, found through piccolo_conf's registry (as
    the migrations are applied), so runtime/ does not import models/."""
    apps = list(Finder().get_app_registry().app_configs.values())
    if len(apps) != 1:
        raise RuntimeError(f"expected one Piccolo app in APP_REGISTRY, found {len(apps)}")
    return apps[0]


def migrations_on_disk(app: AppConfig) -> list[str]:
    manager = BaseMigrationManager()
    modules = manager.get_migration_modules(str(app.migrations_folder_path))
    return manager.get_migration_ids(modules)


async def check_migrations(engine: DatabaseEngine) -> CheckResult:
    """Every migration of this code is recorded as applied, and no unknown one is."""
    title = "migrations current"
    app = shop_app()
    known = migrations_on_disk(app)
    try:
        rows = await fetch(engine, "SELECT name FROM migration WHERE app_name = {}", app.app_name)
    except Exception as error:  # noqa: BLE001 - most often: no `migration` table yet
        return CheckResult.failed(
            title, f"no migration has been applied ({describe_error(error)})", APPLY_MIGRATIONS
        )
    applied = {row["name"] for row in rows}
    pending = [name for name in known if name not in applied]
    unknown = sorted(applied - set(known))
    if pending:
        return CheckResult.failed(
            title,
            f"{len(pending)} of {len(known)} not applied, from {pending[0]}",
            APPLY_MIGRATIONS,
        )
    if unknown:
        return CheckResult.failed(
            title,
            f"the database has migrations this code does not know ({', '.join(unknown)})",
            "deploy the code that matches the database (a newer release was run on it)",
        )
    return CheckResult.passed(title, f"{len(known)} applied, latest {known[-1]}")


async def check_seed_indexes(engine: DatabaseEngine) -> CheckResult:
    """The five indexes of the seed checklist exist (and, on PostgreSQL, are valid: an
    interrupted CREATE INDEX CONCURRENTLY leaves an invalid one behind)."""
    title = "seed indexes present"
    if isinstance(engine, ShopPostgresEngine):
        sql = (
            "SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND i.indisvalid"
        )
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    try:
        rows = await fetch(engine, sql)
    except Exception as error:  # noqa: BLE001 - the reason is shown
        return CheckResult.failed(title, describe_error(error), APPLY_MIGRATIONS)
    present = {row["name"] for row in rows}
    missing = [name for name in SEED_INDEXES if name not in present]
    if missing:
        return CheckResult.failed(
            title,
            f"missing or invalid: {', '.join(missing)}",
            f"{APPLY_MIGRATIONS}; an invalid index: DROP INDEX it and apply again",
        )
    return CheckResult.passed(title, ", ".join(SEED_INDEXES))


async def check_redis(settings: Settings) -> CheckResult:
    title = "Redis reachable"
    if not settings.uses_redis:
        return CheckResult.failed(
            title,
            "REDIS_HOST is empty: the cache is in-process (lost at restart, not shared)",
            "set REDIS_HOST (compose sets it to redis) and REDIS_PASSWORD",
        )
    client = redis_client(settings, timeout=SERVICE_TIMEOUT)
    where = f"{settings.redis_host}:{settings.redis_port}"
    try:
        with anyio.fail_after(SERVICE_TIMEOUT):
            await client.ping()
    except TimeoutError:
        found = f"{where} did not answer within {SERVICE_TIMEOUT:g} s"
    except (RedisError, OSError) as error:
        found = f"{where}: {describe_error(error)}"
    else:
        return CheckResult.passed(title, where)
    finally:
        await client.aclose()
    return CheckResult.failed(
        title, found, "start Redis (`docker compose up -d redis`); check REDIS_HOST/PORT/PASSWORD"
    )


async def check_telegram_login(factory: ClientFactory, within: float) -> CheckResult:
    """The bot logs in with its token (a throwaway session) and Telegram says who it is."""
    title = "the bot logs in to Telegram"
    try:
        client = factory()
    except Exception as error:  # noqa: BLE001 - e.g. credentials missing
        return CheckResult.failed(title, describe_error(error), "set the Telegram credentials")
    found = ""
    with anyio.move_on_after(within) as deadline:
        try:
            await client.start()
            try:
                me = await client.get_me()
            finally:
                with anyio.CancelScope(shield=True), anyio.move_on_after(5):
                    await client.stop()
        except Exception as error:  # noqa: BLE001 - Telegram's refusal or the network's
            found = describe_login_failure(error)
        else:
            return CheckResult.passed(title, f"@{me.username} (id {me.id})")
    if deadline.cancelled_caught:
        found = f"no answer from Telegram within {within:g} s (no network, or a firewall)"
        with anyio.CancelScope(shield=True), anyio.move_on_after(5):
            await stop_quietly(client)
    return CheckResult.failed(
        title,
        found,
        "check BOT_TOKEN (@BotFather), API_ID and API_HASH (my.telegram.org) and that this"
        " machine reaches Telegram",
    )


def describe_login_failure(error: Exception) -> str:
    """Why the login failed, in the operator's terms: Telegram said no (a bad token or
    api_id/api_hash), Telegram could not be reached, or what answered was not Telegram
    (Kurigram cannot parse the handshake: a proxy or firewall in between)."""
    if isinstance(error, RPCError):
        return f"Telegram refused the login: {describe_error(error)}"
    if isinstance(error, OSError | ConnectionError | TimeoutError):
        return f"Telegram could not be reached: {describe_error(error)}"
    return (
        f"the login failed ({describe_error(error)}): what answered was not Telegram"
        " (no network, or a proxy or firewall in between)"
    )


async def stop_quietly(client: Any) -> None:
    """Stops a client whose start was cut short; one that never connected has nothing to
    stop (Kurigram then raises ConnectionError, which is no news here)."""
    try:
        await client.stop()
    except (ConnectionError, OSError):
        return
