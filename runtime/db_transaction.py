"""`atomic(engine)`: a Piccolo transaction that always gives its connection back.

Piccolo's transaction exit does ROLLBACK/COMMIT and only then releases the connection
to the pool. Under anyio cancellation that exit is itself cancelled at its first await,
so the connection is never released: it stays "idle in transaction", holding its locks,
and `close_connection_pool()` then waits for it for ever (measured: 7 of 10 leaked).
The same happens if COMMIT fails. `atomic` therefore:

* runs the exit (commit or rollback, then release) inside a shielded cancel scope;
* if the exit or the entry fails half-way, still releases (or closes) the connection
  and clears Piccolo's "current transaction" marker for this task;
* bounds the entry (waiting for a pooled connection, BEGIN) by the engine's
  `pool_timeout` when it has one (see `runtime.db_engine`).

Rules for callers: keep transactions short; never start a task group inside one (its
children share the one connection: "another operation is in progress"); a nested
`atomic` joins the outer transaction, as Piccolo's nested transactions do.
On SQLite the transaction is BEGIN IMMEDIATE: it takes the write lock up front, so two
writers queue on the busy timeout instead of one failing with "database is locked"
when it upgrades from a read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any, cast

import anyio
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
from piccolo.engine.sqlite import SQLiteEngine, SQLiteTransaction, TransactionType

Transaction = PostgresTransaction | SQLiteTransaction


def _begin(engine: Engine[Any]) -> Transaction:
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return cast(Transaction, engine.transaction())


async def _abandon(engine: Engine[Any], transaction: Transaction) -> None:
    """Release a half-entered or half-exited transaction's connection (shield this)."""
    token = getattr(transaction, "context", None)
    if token is not None:
        # Already reset if Piccolo's exit got that far.
        with suppress(RuntimeError, ValueError):
            engine.current_transaction.reset(token)
    connection = getattr(transaction, "connection", None)
    if connection is None:
        return
    if isinstance(engine, PostgresEngine) and engine.pool is not None:
        # A no-op when it is already back; otherwise the pool resets it (ROLLBACK).
        await engine.pool.release(connection)
    else:
        await connection.close()


@asynccontextmanager
async def atomic(engine: Engine[Any]) -> AsyncIterator[Transaction]:
    """`engine.transaction()` whose commit/rollback and release survive cancellation."""
    transaction = _begin(engine)
    timeout = cast(float | None, getattr(engine, "pool_timeout", None))
    try:
        with anyio.fail_after(timeout):
            entered = await transaction.__aenter__()
    except BaseException:
        with anyio.CancelScope(shield=True):
            await _abandon(engine, transaction)
        raise

    try:
        yield entered
    except BaseException as exc:
        await _exit(engine, transaction, exc)
        raise
    await _exit(engine, transaction, None)


async def _exit(engine: Engine[Any], transaction: Transaction, exc: BaseException | None) -> None:
    """Roll back (on `exc`) or commit, then release; shielded from cancellation."""
    with anyio.CancelScope(shield=True):
        try:
            if exc is None:
                await transaction.__aexit__(None, None, None)
            else:
                await transaction.__aexit__(type(exc), exc, exc.__traceback__)
        except BaseException:
            await _abandon(engine, transaction)
            raise
