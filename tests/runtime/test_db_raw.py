"""`fetch_rows` returns what Piccolo's `raw(...).run()` returns, on both engines, and
runs where Piccolo would: inside the open transaction, else on its own."""

from __future__ import annotations

import pytest

from config import Settings
from models.catalogue import Category
from runtime.database import DatabaseEngine, close_database, open_database
from runtime.db_engine import ShopPostgresEngine
from runtime.db_raw import REMEMBERED_UP_TO, fetch_rows, numbered
from runtime.db_transaction import atomic
from tests.fixtures.statements import statements_logged, statements_sent

NAMES = "SELECT id, name, position FROM categories WHERE position >= {} AND name <> {} ORDER BY id"


def test_a_template_is_numbered_as_piccolo_compiles_it() -> None:
    assert numbered("SELECT {} AS a, {} AS b") == "SELECT $1 AS a, $2 AS b"
    assert numbered("SELECT '{{x}}' || {} AS a") == "SELECT '{x}' || $1 AS a"
    assert numbered("SELECT 1") == "SELECT 1"
    long = "SELECT {} AS a" + " UNION ALL SELECT {}" * (REMEMBERED_UP_TO // 10)
    assert numbered(long).endswith(f"${REMEMBERED_UP_TO // 10 + 1}")  # long: not remembered


async def test_rows_are_the_same_as_piccolos_raw(db: DatabaseEngine) -> None:
    for position, name in enumerate(("Tees", "Hoodies", "Caps")):
        await Category(name=name, position=position).save().run()

    ours = await fetch_rows(Category, NAMES, 1, "Caps")

    assert ours == await Category.raw(NAMES, 1, "Caps").run()
    assert [(row["name"], row["position"]) for row in ours] == [("Hoodies", 1)]
    assert await fetch_rows(Category, "SELECT id FROM categories WHERE id < {}", 0) == []


async def test_a_statement_inside_a_transaction_runs_in_it(db: DatabaseEngine) -> None:
    with pytest.raises(RuntimeError):
        async with atomic(db):
            await fetch_rows(
                Category, "INSERT INTO categories (name, position) VALUES ({}, 1)", "X"
            )
            seen = await fetch_rows(Category, "SELECT name FROM categories")
            assert seen == [{"name": "X"}]
            raise RuntimeError("roll back")

    assert await fetch_rows(Category, "SELECT name FROM categories") == []


@pytest.mark.postgres
async def test_each_call_is_one_statement_on_the_engines_connections(
    postgres_database: Settings,
) -> None:
    async with open_database(postgres_database) as engine:
        assert isinstance(engine, ShopPostgresEngine)
        await statements_logged()
        before = statements_sent()
        await fetch_rows(Category, "SELECT count(*) AS n FROM categories")
        await statements_logged()
        assert statements_sent() == (before or 0) + 1
        assert len(engine.kept) == 1  # given back to be kept, as Piccolo's queries are


@pytest.mark.postgres
async def test_without_a_pool_a_statement_runs_on_a_connection_of_its_own(
    postgres_database: Settings,
) -> None:
    async with open_database(postgres_database) as engine:
        await fetch_rows(Category, "INSERT INTO categories (name, position) VALUES ('Caps', 1)")
        await close_database(engine, grace=1.0)  # as Piccolo's CLI runs: no pool

        assert await fetch_rows(Category, "SELECT name FROM categories") == [{"name": "Caps"}]
