"""Single statements run on connections the engine keeps out of the pool between
statements (runtime.db_engine): the same connection serves the next statement or
transaction, and one that failed, died or is closing goes back to the pool."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import asyncpg
import pytest
from asyncpg.pool import Pool

from config import Settings
from runtime.database import close_database, open_database
from runtime.db_engine import ShopPostgresEngine, is_usable, postgres_config
from runtime.db_transaction import atomic

pytestmark = pytest.mark.postgres


async def backend_pid(engine: ShopPostgresEngine) -> int:
    rows = await engine.run_ddl("SELECT pg_backend_pid() AS pid")
    return int(rows[0]["pid"])


@asynccontextmanager
async def engine_with_pool(
    settings: Settings, size: int, overflow: int
) -> AsyncIterator[tuple[ShopPostgresEngine, Pool]]:
    """The app's engine on a pool of `size` connections and `overflow` more, and the pool."""
    sized = settings.model_copy(update={"db_pool_size": size, "db_max_overflow": overflow})
    async with open_database(sized) as engine:
        assert isinstance(engine, ShopPostgresEngine) and engine.pool is not None
        yield engine, engine.pool


async def test_the_next_statement_and_transaction_run_on_the_kept_connection(
    postgres_database: Settings,
) -> None:
    async with engine_with_pool(postgres_database, 2, 2) as (engine, _):
        first = await backend_pid(engine)
        assert len(engine.kept) == 1 and await backend_pid(engine) == first

        async with atomic(engine):
            assert engine.kept == []  # the transaction took it
            assert await backend_pid(engine) == first
        assert await backend_pid(engine) == first  # back to the pool, then kept again


async def test_a_failed_statement_returns_its_connection_to_the_pool(
    postgres_database: Settings,
) -> None:
    async with engine_with_pool(postgres_database, 2, 2) as (engine, pool):
        await backend_pid(engine)
        assert len(engine.kept) == 1

        with pytest.raises(asyncpg.PostgresSyntaxError):
            await engine.run_ddl("SELEC 1")

        assert engine.kept == []
        assert pool.get_idle_size() == pool.get_size()
        await backend_pid(engine)  # and the next statement runs


async def test_a_kept_connection_the_server_closed_is_replaced(
    postgres_database: Settings,
) -> None:
    async with engine_with_pool(postgres_database, 2, 2) as (engine, _):
        dead = await backend_pid(engine)
        (kept,) = engine.kept
        closed = anyio.Event()
        kept.add_termination_listener(lambda _connection: closed.set())
        admin = await asyncpg.connect(**postgres_config(postgres_database))
        try:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", dead)
        finally:
            await admin.close()
        with anyio.fail_after(5):
            await closed.wait()
        assert not is_usable(kept)

        assert await backend_pid(engine) != dead


async def test_a_pool_of_one_keeps_none_and_closes_with_kept_connections_given_back(
    postgres_database: Settings,
) -> None:
    async with engine_with_pool(postgres_database, 1, 0) as (engine, pool):
        await backend_pid(engine)
        assert engine.kept == []  # the only connection stays the pool's
        async with pool.acquire() as connection:
            assert await connection.fetchval("SELECT 1") == 1

    async with engine_with_pool(postgres_database, 3, 0) as (engine, pool):
        async with anyio.create_task_group() as group:
            for _ in range(3):
                group.start_soon(backend_pid, engine)
        assert len(engine.kept) == 2  # one fewer than the pool's maximum
        with anyio.fail_after(5):
            await close_database(engine, grace=3)
        assert engine.kept == [] and pool.is_closing()
