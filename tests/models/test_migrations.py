"""The schema: empty databases migrate to the latest version, in-process and by the CLI."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest
from loguru import logger

from config import Settings
from runtime.database import READY_MESSAGE, DatabaseEngine, open_database
from tests.models.factories import fetch

REPO_ROOT = Path(__file__).resolve().parents[2]
MIGRATION_FILES = sorted(REPO_ROOT.glob("piccolo_migrations/shop_*.py"))

PG_SEED_INDEXES = {
    "idx_users_last_active": "CREATE INDEX idx_users_last_active ON public.users"
    " USING btree (last_active_at DESC) WHERE (is_banned = false)",
    "idx_orders_created": "CREATE INDEX idx_orders_created ON public.orders"
    " USING btree (created_at DESC)",
    "idx_orders_user_status": "CREATE INDEX idx_orders_user_status ON public.orders"
    " USING btree (user_id, status)",
    "idx_broadcasts_status_created": "CREATE INDEX idx_broadcasts_status_created"
    " ON public.broadcasts USING btree (status, created_at DESC)",
    "idx_products_available_category": "CREATE INDEX idx_products_available_category"
    " ON public.products USING btree (is_available, category_id)"
    " WHERE (is_available = true)",
}
SQLITE_SEED_INDEXES = {
    "idx_users_last_active": ("users", "ON users (last_active_at DESC) WHERE is_banned = false"),
    "idx_orders_created": ("orders", "ON orders (created_at DESC)"),
    "idx_orders_user_status": ("orders", "ON orders (user_id, status)"),
    "idx_broadcasts_status_created": ("broadcasts", "ON broadcasts (status, created_at DESC)"),
    "idx_products_available_category": (
        "products",
        "ON products (is_available, category_id) WHERE is_available = true",
    ),
}


@pytest.fixture
def log_messages() -> Iterator[list[str]]:
    messages: list[str] = []
    sink = logger.add(lambda m: messages.append(m.record["message"]), level="DEBUG")
    yield messages
    logger.remove(sink)


async def applied_migrations(engine: DatabaseEngine) -> list[str]:
    rows = await fetch(engine, "SELECT name FROM migration ORDER BY name")
    return [row["name"] for row in rows]


async def assert_seed_indexes(engine: DatabaseEngine, settings: Settings) -> None:
    if settings.uses_postgres:
        rows = await fetch(
            engine,
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
            " AND indexname LIKE 'idx\\_%'",
        )
        found = {row["indexname"]: row["indexdef"] for row in rows}
        for name, definition in PG_SEED_INDEXES.items():
            assert found.get(name) == definition
    else:
        rows = await fetch(
            engine, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"
        )
        found_sqlite = {row["name"]: (row["tbl_name"], row["sql"]) for row in rows}
        for name, (table, tail) in SQLITE_SEED_INDEXES.items():
            assert found_sqlite[name] == (table, f"CREATE INDEX {name} {tail}")


async def test_empty_database_migrates_to_latest_and_again_is_a_no_op(
    database: Settings, log_messages: list[str]
) -> None:
    async with open_database(database) as engine:
        first = await applied_migrations(engine)
        await assert_seed_indexes(engine, database)
    assert len(first) == len(MIGRATION_FILES) >= 1
    assert READY_MESSAGE in log_messages

    log_messages.clear()
    async with open_database(database) as engine:
        assert await applied_migrations(engine) == first
        await assert_seed_indexes(engine, database)
    assert "migrations: 🏁 No migrations need to be run" in log_messages
    assert READY_MESSAGE in log_messages


async def test_sqlite_creates_the_missing_data_directory(sqlite_database: Settings) -> None:
    assert not sqlite_database.sqlite_path.parent.exists()
    async with open_database(sqlite_database):
        pass
    assert sqlite_database.sqlite_path.is_file()


async def run_cli_forwards(env: dict[str, str]) -> None:
    piccolo = Path(sys.executable).with_name("piccolo")
    # An empty value counts as unset (config.py); it also beats a developer's .env.
    base = {k: v for k, v in os.environ.items() if not k.startswith(("POSTGRES_", "DB_"))}
    result = await anyio.run_process(
        [str(piccolo), "migrations", "forwards", "all"],
        cwd=REPO_ROOT,
        env={**base, "PICCOLO_CONF": "piccolo_conf", "POSTGRES_HOST": "", **env},
        check=False,
    )
    output = (result.stdout + result.stderr).decode()
    assert result.returncode == 0, output
    assert "ok!" in output, output


async def test_cli_migrates_a_fresh_sqlite_file(sqlite_database: Settings) -> None:
    path = sqlite_database.sqlite_path
    with anyio.fail_after(60):
        await run_cli_forwards({"SQLITE_PATH": str(path)})
    with sqlite3.connect(path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM migration")}
    assert len(names) == len(MIGRATION_FILES)
    async with open_database(sqlite_database) as engine:
        await assert_seed_indexes(engine, sqlite_database)


@pytest.mark.postgres
async def test_cli_migrates_a_fresh_postgres_database(postgres_database: Settings) -> None:
    with anyio.fail_after(60):
        await run_cli_forwards(
            {
                "POSTGRES_HOST": str(postgres_database.postgres_host),
                "POSTGRES_PORT": str(postgres_database.postgres_port),
                "POSTGRES_USER": postgres_database.postgres_user,
                "POSTGRES_DB": postgres_database.postgres_db,
            }
        )
    async with open_database(postgres_database) as engine:
        assert len(await applied_migrations(engine)) == len(MIGRATION_FILES)
        await assert_seed_indexes(engine, postgres_database)
