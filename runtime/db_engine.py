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
from typing import TYPE_CHECKING, Any

from loguru import logger
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from runtime.db_statements import StatementCounter

if TYPE_CHECKING:
    from asyncpg import Record

    from config import Settings


class _LoguruEcho:
    """Routes Piccolo's query echo (`log_queries` / `log_responses`) to loguru."""

    __slots__ = ()

    def print_query(self, query_id: int, query: str) -> None:
        logger.debug("SQL #{}: {}", query_id, query)

    def print_response(self, query_id: int, response: list[Any]) -> None:
        logger.debug("SQL #{} returned {} row(s)", query_id, len(response))


class ShopPostgresEngine(_LoguruEcho, PostgresEngine):
    """A `PostgresEngine` that connects only when used and bounds waits for the pool."""

    __slots__ = ("pool_timeout", "statements")

    def __init__(
        self, config: dict[str, Any], *, pool_timeout: float, log_queries: bool = False
    ) -> None:
        self.pool_timeout = pool_timeout
        #: Every statement sent on the pool's connections (runtime.db_statements).
        self.statements = StatementCounter()
        super().__init__(config=config, extensions=(), log_queries=log_queries)

    async def check_version(self) -> None:
        """Skipped: Piccolo calls this from the constructor (see the module docstring)."""

    async def _run_in_pool(self, query: str, args: Sequence[Any] | None = None) -> list[Record]:
        # Piccolo's version acquires with no timeout: a query would wait for ever on an
        # exhausted pool. Same body, bounded wait.
        if self.pool is None:
            raise ValueError("A pool isn't currently running.")
        async with self.pool.acquire(timeout=self.pool_timeout) as connection:
            return await connection.fetch(query, *(args or ()))


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
            log_queries=settings.db_echo,
        )
    path = settings.sqlite_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return ShopSQLiteEngine(
        str(path), busy_timeout=settings.db_pool_timeout, log_queries=settings.db_echo
    )
