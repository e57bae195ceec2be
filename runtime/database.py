"""The application's database lifecycle: engine, pool, table binding, migrations.

    async with open_database(settings) as engine:
        ...  # every Piccolo table now talks to `engine`

PostgreSQL (POSTGRES_HOST set) gets an asyncpg pool of DB_POOL_SIZE connections opened
up front, growing to DB_POOL_SIZE + DB_MAX_OVERFLOW under load (asyncpg closes idle
extra connections after 5 minutes). SQLite opens a connection per statement or
transaction, as Piccolo does, in WAL mode so readers do not wait for the writer.
How DB_POOL_TIMEOUT maps onto the drivers is in `runtime.db_engine`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

import anyio
import asyncpg
from loguru import logger
from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

from config import Settings
from runtime.db_binding import bind_engine
from runtime.db_engine import DatabaseEngine, ShopPostgresEngine, build_engine
from runtime.db_migrations import MigrationError, apply_migrations
from runtime.db_statements import StatementCounter
from runtime.db_transaction import atomic

__all__ = [
    "DatabaseEngine",
    "MigrationError",
    "atomic",
    "close_database",
    "database_is_up",
    "open_database",
]

READY_MESSAGE = "✓ Database tables created successfully"

#: Seconds the pool may take to close at shutdown before it is terminated (part of
#: main.py's 10 s budget; DB_POOL_TIMEOUT can be far longer).
POOL_CLOSE_GRACE = 1.5


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[DatabaseEngine]:
    """Connect, bind every table to the engine, migrate to the latest schema, and close
    the pool on exit (even when cancelled).

    The tables stay bound to this engine after exit, until the next `open_database`.
    A database that is down fails here (asyncpg's OSError), not later.
    """
    engine = build_engine(settings)
    try:
        if isinstance(engine, ShopPostgresEngine):
            await engine.start_connection_pool(
                min_size=settings.db_pool_size,
                max_size=settings.db_pool_size + settings.db_max_overflow,
                reset=keep_session_state,
                init=partial(set_up_connection, engine.statements),
            )
            version = await engine.run_querystring(QueryString("SHOW server_version"))
            logger.info(
                "PostgreSQL {} at {}:{}/{}, pool {}..{}",
                version[0]["server_version"],
                settings.postgres_host,
                settings.postgres_port,
                settings.postgres_db,
                settings.db_pool_size,
                settings.db_pool_size + settings.db_max_overflow,
            )
        else:
            await engine.run_ddl("PRAGMA journal_mode=WAL")
            logger.info("SQLite at {}", settings.sqlite_path)
        bind_engine(engine)
        await apply_migrations()
        logger.info(READY_MESSAGE)
        yield engine
    finally:
        await close_database(engine, grace=min(settings.db_pool_timeout, POOL_CLOSE_GRACE))


#: A statement with the parameter types asyncpg does not know by itself and the app
#: uses (`models.update_state`'s array parameters), prepared once per new connection.
KNOWN_TYPES_PROBE = "SELECT $1::varchar[], $2::bigint[]"


async def set_up_connection(counter: StatementCounter, connection: asyncpg.Connection) -> None:
    """The pool's `init=` hook, once per new connection: asyncpg learns the array types
    (it asks the server about an unknown type the first time a connection meets it:
    three statements, turning JIT off and back on around the lookup, which landed in the
    first ledger write of every new connection, on the update path), then the counter
    starts counting the app's statements."""
    await connection.prepare(KNOWN_TYPES_PROBE)
    await counter.attach(connection)


async def keep_session_state(_connection: asyncpg.Connection) -> None:
    """The pool's `reset=` hook: nothing beyond what asyncpg always does on release.

    Without a hook asyncpg sends a reset query on every release (`SELECT
    pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;`): one round trip per
    statement the app runs. The app sets no session state on pooled connections (the
    lease's advisory lock lives on its own connection, outside the pool), so that query
    only costs. An open transaction is still rolled back: asyncpg calls the connection's
    own `_reset()` (ROLLBACK when in a transaction) before this hook.
    """


async def close_database(engine: Engine[Any], *, grace: float) -> None:
    """Close the PostgreSQL pool: gracefully within `grace` seconds, else terminate it.

    asyncpg's `Pool.close()` waits for every connection to come back; one leaked
    connection would make shutdown hang. Shielded, so a cancelled caller still closes.
    """
    if not isinstance(engine, ShopPostgresEngine) or engine.pool is None:
        return
    pool = engine.pool
    with anyio.CancelScope(shield=True):
        with anyio.move_on_after(grace) as scope:
            await engine.release_kept()
            await pool.close()
        if scope.cancelled_caught:
            logger.warning("database pool did not close within {} s; terminating it", grace)
            pool.terminate()
    engine.pool = None


async def database_is_up(engine: Engine[Any], *, within: float = 2.0) -> bool:
    """True when `SELECT 1` answers within `within` seconds (for the health endpoint)."""
    with anyio.move_on_after(within):
        try:
            await engine.run_querystring(QueryString("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means "down"; say which
            logger.debug("database health check failed: {!r}", exc)
            return False
        return True
    return False
