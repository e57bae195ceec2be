"""Counts the SQL statements the app sends to PostgreSQL, for benches and query-count tests.

Attached to every pooled connection when the pool opens it (asyncpg's `init=`), as a
query logger: every statement is seen, BEGIN and COMMIT of `atomic()` blocks and raw
asyncpg calls included, not only what passes through Piccolo. asyncpg calls query
loggers with `call_soon`, so a count is complete one event-loop step after the statement
returned.
"""

from __future__ import annotations

import asyncpg
from asyncpg.connection import LoggedQuery


class StatementCounter:
    """The number of statements sent on the pool's connections since the pool opened,
    and the time they took (`seconds`: each statement's round trip as asyncpg timed it,
    summed: the database time of a bench)."""

    __slots__ = ("count", "seconds")

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    async def attach(self, connection: asyncpg.Connection) -> None:
        """The pool's `init=` hook: count this connection's statements."""
        connection.add_query_logger(self._record)

    def _record(self, query: LoggedQuery) -> None:
        self.count += 1
        self.seconds += query.elapsed
