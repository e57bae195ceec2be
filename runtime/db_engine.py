"""Piccolo engines built from `Settings`: PostgreSQL when POSTGRES_HOST is set, else SQLite.

Two things differ from Piccolo's stock engines:

* Building an engine does no network I/O. Piccolo 1.38's `Engine.__init__` runs
  `check_version()` synchronously (`asyncio.run`, or a helper thread when a loop is
  already running); for PostgreSQL that opens a connection. A failure only warns, but an
  unreachable host blocks for asyncpg's connect timeout, inside whatever imported
  `piccolo_conf` or built the engine. `ShopPostgresEngine` skips that check;
  `open_database` logs the server version once the pool is up.
* With `DB_ECHO=true` every statement goes to loguru at DEBUG instead of Piccolo's
  `print()` (`Engine.print_query`). Statements are shown with their values inlined, so
  the echo is for development, not for production logs.

Single statements run on connections kept out of asyncpg's pool between statements
(`ShopPostgresEngine.kept`): up to DB_POOL_SIZE of them, the connections the pool keeps
open anyway, and always one fewer than the pool's maximum, so that code acquiring from
the pool directly is never left without one. asyncpg's acquire and release cost three
turns of the event loop and a task (release is `asyncio.shield`) on top of the
statement's own two; under load every turn waits for everything else that is ready, so
a handler's statements were most of its latency (bench/updates.py at half the peak
rate: p50 7.5-11 ms -> 6.4-6.8 ms, p99 48-52 ms -> 40 ms). Transactions take a kept
connection first too, so keeping them never starves our own transactions; a connection
that fails a statement, is closed or is left in a transaction goes back to the pool,
which cleans it up; they are all given back before the pool closes.

DB_POOL_TIMEOUT: asyncpg has no "wait for a free connection" setting on the pool, and
Piccolo acquires without a timeout. The setting bounds, for PostgreSQL: opening one new
connection (asyncpg's connect `timeout`), a single query's wait for a pooled connection
(`ShopPostgresEngine._run_in_pool` passes it to `Pool.acquire`), and `atomic()`'s wait for
its connection and BEGIN; at shutdown the pool gets the smaller of it and
`runtime.database.POOL_CLOSE_GRACE` to close before it is terminated. For SQLite it is
the busy timeout (how long a statement waits for another connection's write lock).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from asyncpg import InterfaceError
from loguru import logger
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine

from runtime.db_statements import StatementCounter

if TYPE_CHECKING:
    from asyncpg import Record
    from asyncpg.pool import PoolConnectionProxy

    Connection = PoolConnectionProxy[Record]

    from config import Settings


class _LoguruEcho:
    """Routes Piccolo's query echo (`log_queries` / `log_responses`) to loguru."""

    __slots__ = ()

    def print_query(self, query_id: int, query: str) -> None:
        logger.debug("SQL #{}: {}", query_id, query)

    def print_response(self, query_id: int, response: list[Any]) -> None:
        logger.debug("SQL #{} returned {} row(s)", query_id, len(response))


class ShopPostgresEngine(_LoguruEcho, PostgresEngine):
    """A `PostgresEngine` that connects only when used, bounds waits for the pool and
    keeps connections out of the pool between statements (see the module docstring)."""

    __slots__ = ("keep_at_most", "kept", "pool_timeout", "statements")

    def __init__(
        self,
        config: dict[str, Any],
        *,
        pool_timeout: float,
        keep_at_most: int = 0,
        log_queries: bool = False,
    ) -> None:
        self.pool_timeout = pool_timeout
        #: Every statement sent on the pool's connections (runtime.db_statements).
        self.statements = StatementCounter()
        #: Pooled connections checked out, idle, for the next statement (newest last).
        self.kept: list[Connection] = []
        self.keep_at_most = keep_at_most
        super().__init__(config=config, extensions=(), log_queries=log_queries)

    async def check_version(self) -> None:
        """Skipped: Piccolo calls this from the constructor (see the module docstring)."""

    async def _run_in_pool(self, query: str, args: Sequence[Any] | None = None) -> list[Record]:
        connection = await self.take_connection()
        try:
            rows: list[Record] = await connection.fetch(query, *(args or ()))
        except BaseException:
            await self.release_connection(connection)
            raise
        await self.give_back(connection)
        return rows

    async def take_connection(self) -> Connection:
        """A kept connection, else one from the pool within `pool_timeout` (Piccolo's
        own acquire has no timeout: a query would wait for ever on an exhausted pool)."""
        if self.pool is None:
            raise ValueError("A pool isn't currently running.")
        while self.kept:
            connection = self.kept.pop()
            if is_usable(connection):
                return connection
            await self.release_connection(connection)  # the pool replaces it
        acquired: Connection = await self.pool.acquire(timeout=self.pool_timeout)
        return acquired

    async def give_back(self, connection: Connection) -> None:
        """Keep a connection that just ran a statement cleanly, or return it to the pool."""
        if (
            len(self.kept) < self.keep_at_most
            and is_usable(connection)
            and not connection.is_in_transaction()
        ):
            self.kept.append(connection)
        else:
            await self.release_connection(connection)

    async def release_connection(self, connection: Connection) -> None:
        """Return a connection to the pool (it rolls back, or replaces a dead one)."""
        if self.pool is not None:
            await self.pool.release(connection)

    async def release_kept(self) -> None:
        """Return every kept connection to the pool (before it closes)."""
        while self.kept:
            await self.release_connection(self.kept.pop())

    def transaction(self, allow_nested: bool = True) -> PostgresTransaction:
        return _KeptConnectionTransaction(engine=self, allow_nested=allow_nested)

    async def close_connection_pool(self) -> None:
        await self.release_kept()
        await super().close_connection_pool()


def is_usable(connection: Connection) -> bool:
    """Open and still ours: when the server closes a connection, asyncpg gives it back to
    the pool itself, and every call on our handle then raises InterfaceError."""
    try:
        return not connection.is_closed()
    except InterfaceError:
        return False


class _KeptConnectionTransaction(PostgresTransaction):
    """A transaction on a kept connection when there is one (returned to the pool at
    its end, as Piccolo's are). Without a pool (Piccolo's CLI), a new connection."""

    engine: ShopPostgresEngine

    async def get_connection(self) -> Connection:
        if self.engine.pool is None:
            return cast("Connection", await super().get_connection())  # type: ignore[no-untyped-call]
        return await self.engine.take_connection()


class ShopSQLiteEngine(_LoguruEcho, SQLiteEngine):
    """A `SQLiteEngine` whose echo goes to loguru; `busy_timeout` waits for write locks."""

    __slots__ = ()

    def __init__(self, path: str, *, busy_timeout: float, log_queries: bool = False) -> None:
        super().__init__(path=path, log_queries=log_queries, timeout=busy_timeout)


DatabaseEngine = ShopPostgresEngine | ShopSQLiteEngine


def postgres_config(settings: Settings) -> dict[str, Any]:
    """asyncpg connection arguments for the configured server (no pool sizes)."""
    password = settings.postgres_password
    return {
        "host": settings.postgres_host,
        "port": settings.postgres_port,
        "user": settings.postgres_user,
        "password": password.get_secret_value() if password is not None else None,
        "database": settings.postgres_db,
        "timeout": settings.db_pool_timeout,
        "server_settings": {"application_name": "shopbot"},
    }


def build_engine(settings: Settings) -> DatabaseEngine:
    """The engine for `settings`, without connecting. Creates SQLite's parent directory."""
    if settings.uses_postgres:
        return ShopPostgresEngine(
            postgres_config(settings),
            pool_timeout=settings.db_pool_timeout,
            keep_at_most=min(
                settings.db_pool_size, settings.db_pool_size + settings.db_max_overflow - 1
            ),
            log_queries=settings.db_echo,
        )
    path = settings.sqlite_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return ShopSQLiteEngine(
        str(path), busy_timeout=settings.db_pool_timeout, log_queries=settings.db_echo
    )
