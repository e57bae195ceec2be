"""Returning a pooled PostgreSQL connection costs no query, and still leaves it clean.

asyncpg's default sends a reset query on every release; the pool's `reset=` hook
(runtime.database.keep_session_state) drops it, and asyncpg still rolls back a
transaction left open (tests see it with the connection's query logger)."""

from __future__ import annotations

import pytest
from anyio.lowlevel import checkpoint
from asyncpg.connection import LoggedQuery

from config import Settings
from runtime.database import open_database
from runtime.db_engine import ShopPostgresEngine

pytestmark = pytest.mark.postgres


def one_connection(settings: Settings) -> Settings:
    return settings.model_copy(update={"db_pool_size": 1, "db_max_overflow": 0})


async def test_releasing_a_connection_sends_no_reset_query(postgres_database: Settings) -> None:
    async with open_database(one_connection(postgres_database)) as engine:
        assert isinstance(engine, ShopPostgresEngine) and engine.pool is not None
        seen: list[str] = []

        def log(query: LoggedQuery) -> None:
            seen.append(query.query)

        async with engine.pool.acquire() as connection:
            connection.add_query_logger(log)
            await connection.fetchval("SELECT 1")
        async with engine.pool.acquire() as connection:
            connection.remove_query_logger(log)
        assert seen == ["SELECT 1"]


async def test_a_connection_returned_mid_transaction_is_rolled_back(
    postgres_database: Settings,
) -> None:
    async with open_database(one_connection(postgres_database)) as engine:
        assert isinstance(engine, ShopPostgresEngine) and engine.pool is not None
        async with engine.pool.acquire() as connection:
            await connection.execute("CREATE TABLE probe (n integer)")
            server_pid = connection.get_server_pid()
            await connection.execute("BEGIN")
            await connection.execute("INSERT INTO probe VALUES (1)")
        async with engine.pool.acquire() as connection:
            assert connection.get_server_pid() == server_pid  # the same connection
            assert not connection.is_in_transaction()
            assert await connection.fetchval("SELECT count(*) FROM probe") == 0


async def test_the_engine_counts_every_statement_begin_and_commit_included(
    postgres_database: Settings,
) -> None:
    async with open_database(postgres_database) as engine:
        assert isinstance(engine, ShopPostgresEngine)
        await checkpoint()  # the migrations' last statement, counted one loop step later
        before = engine.statements.count
        async with engine.transaction():
            await engine.run_ddl("SELECT 1")
        await engine.run_ddl("SELECT 2")
        await checkpoint()  # asyncpg tells query loggers one loop step later
        assert engine.statements.count - before == 4  # BEGIN, SELECT 1, COMMIT, SELECT 2


async def test_a_new_connection_already_knows_the_array_types_the_ledger_uses(
    postgres_database: Settings,
) -> None:
    """asyncpg asks the server about an array type the first time a connection meets it
    (three statements); the pool's set-up does that before the connection is used."""
    async with open_database(one_connection(postgres_database)) as engine:
        assert isinstance(engine, ShopPostgresEngine) and engine.pool is not None
        seen: list[str] = []
        query = "SELECT cardinality($1::varchar[]) + cardinality($2::bigint[])"
        async with engine.pool.acquire() as connection:
            connection.add_query_logger(lambda logged: seen.append(logged.query))
            assert await connection.fetchval(query, ["a", "b"], [1]) == 3
            await checkpoint()  # asyncpg tells query loggers one loop step later
        assert seen == [query]
