"""The migration that lets cart lines outlive their variant: existing lines get their
snapshot, a deleted variant leaves the line, and going back restores the old schema."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from piccolo.apps.migrations.commands.backwards import run_backwards
from piccolo.apps.migrations.commands.forwards import run_forwards

from config import Settings
from runtime.database import DatabaseEngine, close_database
from runtime.db_binding import bind_engine
from runtime.db_engine import ShopPostgresEngine, build_engine
from tests.models.factories import fetch

INITIAL = "2026-11-24T06:03:59:749495"
CART_SNAPSHOT = "2026-11-24T06:26:00:000000"


@pytest.fixture
async def initial_schema(database: Settings) -> AsyncIterator[DatabaseEngine]:
    """A database migrated to the first migration only."""
    engine = build_engine(database)
    if isinstance(engine, ShopPostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=2)
    bind_engine(engine)
    try:
        assert (await run_forwards("shop", migration_id=INITIAL)).success
        yield engine
    finally:
        await close_database(engine, grace=5)


async def run(engine: DatabaseEngine, sql: str) -> None:
    await fetch(engine, sql)


async def test_lines_get_their_snapshot_and_outlive_their_variant_until_migrated_back(
    initial_schema: DatabaseEngine,
) -> None:
    engine = initial_schema
    for sql in [
        "INSERT INTO users (id, telegram_id, first_name, language, is_banned,"
        " last_active_at, created_at) VALUES (1, 77, 'Ann', 'ru', false,"
        " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "INSERT INTO categories (id, name, position, is_hidden) VALUES (1, 'Tees', 0, false)",
        "INSERT INTO products (id, category_id, title, description, price, is_available,"
        " created_at) VALUES (1, 1, 'Tee', '', 100, true, CURRENT_TIMESTAMP),"
        " (2, 1, 'Jacket', '', 900, true, CURRENT_TIMESTAMP)",
        "INSERT INTO product_variants (id, product_id, size, colour, sku, stock)"
        " VALUES (1, 1, 'M', 'white', 'A', 5), (2, 2, 'L', NULL, 'B', 5)",
        "INSERT INTO cart_items (id, user_id, variant_id, quantity, added_at)"
        " VALUES (1, 1, 1, 2, CURRENT_TIMESTAMP), (2, 1, 2, 1, CURRENT_TIMESTAMP)",
    ]:
        await run(engine, sql)

    assert (await run_forwards("shop", migration_id=CART_SNAPSHOT)).success
    lines = "SELECT id, variant_id, product_title, size, colour FROM cart_items ORDER BY id"
    assert await fetch(engine, lines) == [
        {"id": 1, "variant_id": 1, "product_title": "Tee", "size": "M", "colour": "white"},
        {"id": 2, "variant_id": 2, "product_title": "Jacket", "size": "L", "colour": None},
    ]
    await run(engine, "DELETE FROM products WHERE id = 2")
    assert [row["variant_id"] for row in await fetch(engine, lines)] == [1, None]

    assert (await run_backwards("shop", migration_id=CART_SNAPSHOT, auto_agree=True)).success
    assert await fetch(engine, "SELECT id, variant_id FROM cart_items") == [
        {"id": 1, "variant_id": 1}
    ]
    await run(engine, "DELETE FROM products WHERE id = 1")
    assert await fetch(engine, "SELECT id FROM cart_items") == []  # cascades, as before
