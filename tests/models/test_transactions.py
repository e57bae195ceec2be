"""`atomic`: commits, rolls back, and gives every connection back when cancelled."""

from __future__ import annotations

import anyio
import asyncpg
import pytest

from config import Settings
from models.users import User, get_user, record_user
from runtime.database import DatabaseEngine, atomic, database_is_up, open_database
from runtime.db_engine import ShopPostgresEngine, build_engine
from tests.fixtures.database import make_settings


async def test_atomic_commits_and_rolls_back(db: DatabaseEngine) -> None:
    async with atomic(db):
        await record_user(1, first_name="A", last_name=None, username=None, language="ru")
    assert await get_user(1) is not None

    with pytest.raises(RuntimeError, match="boom"):
        async with atomic(db):
            await record_user(2, first_name="B", last_name=None, username=None, language="ru")
            raise RuntimeError("boom")
    assert await get_user(2) is None
    assert not db.transaction_exists()


@pytest.mark.postgres
async def test_cancelled_transactions_release_their_connections(
    postgres_database: Settings,
) -> None:
    """10 transactions mid-flight, cancelled by their task group: none is left "idle in
    transaction" and the pool closes promptly (Piccolo's bare transaction leaks here)."""
    async with open_database(postgres_database) as engine:
        in_flight = 0
        all_in_flight = anyio.Event()

        async def worker() -> None:
            nonlocal in_flight
            async with atomic(engine):
                await User.select(User.id).run()
                in_flight += 1
                if in_flight == 10:
                    all_in_flight.set()
                await anyio.sleep_forever()

        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                for _ in range(10):
                    group.start_soon(worker)
                await all_in_flight.wait()
                group.cancel_scope.cancel()

        observer = await asyncpg.connect(
            host=postgres_database.postgres_host,
            port=postgres_database.postgres_port,
            user=postgres_database.postgres_user,
            database=postgres_database.postgres_db,
        )
        try:
            stuck = await observer.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = $1 AND state = 'idle in transaction'",
                postgres_database.postgres_db,
            )
        finally:
            await observer.close()
        assert stuck == 0
        assert isinstance(engine, ShopPostgresEngine) and engine.pool is not None
        assert engine.pool.get_idle_size() == engine.pool.get_size()  # all given back
        assert not engine.transaction_exists()

        with anyio.fail_after(5):
            await engine.close_connection_pool()


@pytest.mark.postgres
async def test_waiting_for_an_exhausted_pool_is_bounded(postgres_database: Settings) -> None:
    settings = postgres_database.model_copy(
        update={"db_pool_size": 1, "db_max_overflow": 0, "db_pool_timeout": 0.3}
    )
    async with open_database(settings) as engine:
        holding = anyio.Event()
        done = anyio.Event()

        async def hold_the_only_connection() -> None:
            async with atomic(engine):
                holding.set()
                await done.wait()

        with anyio.fail_after(10):
            async with anyio.create_task_group() as group:
                group.start_soon(hold_the_only_connection)
                await holding.wait()
                with pytest.raises(TimeoutError):
                    await User.select(User.id).run()
                with pytest.raises(TimeoutError):
                    async with atomic(engine):
                        pass
                assert not await database_is_up(engine, within=0.2)
                done.set()
        assert await database_is_up(engine)


async def test_database_is_up(db: DatabaseEngine) -> None:
    assert await database_is_up(db)


async def test_database_is_down_when_unreachable() -> None:
    engine = build_engine(make_settings(postgres_host="127.0.0.1", postgres_port=1))
    with anyio.fail_after(5):
        assert not await database_is_up(engine)
