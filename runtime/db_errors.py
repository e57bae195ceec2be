"""Which database errors retrying can cure: the one classifier every actor uses.

Transient (the database or the way to it is down, busy or restarting; the same request
can succeed later, unchanged):

* the network: `OSError` (connection refused, reset, unreachable; `TimeoutError` is one:
  a connect timeout, `asyncpg`'s pool acquire timeout, `atomic()`'s bounded entry);
* asyncpg: every connection exception (SQLSTATE class 08: `ConnectionDoesNotExistError`,
  "connection was closed in the middle of operation", ...), the server refusing or
  dropping clients while it starts or stops (`CannotConnectNowError`,
  `AdminShutdownError`, `CrashShutdownError`), `TooManyConnectionsError`, a
  serialization failure or deadlock (the transaction was rolled back: run it again),
  and `InterfaceError("connection is closed")`;
* SQLite: `OperationalError("database is locked")` (another writer held the lock
  longer than the busy timeout).

Everything else is permanent (bad data, a bug, a closed pool at shutdown): retrying
the same request would fail the same way. An exception group is transient when every
error in it is.
"""

from __future__ import annotations

import sqlite3

from asyncpg import exceptions as pg

_TRANSIENT = (
    OSError,
    pg.PostgresConnectionError,
    pg.CannotConnectNowError,
    pg.AdminShutdownError,
    pg.CrashShutdownError,
    pg.TooManyConnectionsError,
    pg.SerializationError,
    pg.DeadlockDetectedError,
)
_CLOSED_CONNECTION = ("connection is closed", "connection was closed")
_SQLITE_BUSY = ("database is locked", "database table is locked")


def is_transient_database_error(error: BaseException) -> bool:
    """True when the same database request may succeed if tried again later."""
    if isinstance(error, BaseExceptionGroup):
        return all(is_transient_database_error(inner) for inner in error.exceptions)
    if isinstance(error, _TRANSIENT):
        return True
    if isinstance(error, pg.InterfaceError):
        return any(phrase in str(error) for phrase in _CLOSED_CONNECTION)
    if isinstance(error, sqlite3.OperationalError):
        return any(phrase in str(error) for phrase in _SQLITE_BUSY)
    return False


def describe_database_error(error: BaseException) -> str:
    """`TypeName: message` of the innermost error worth naming (for logs and alerts)."""
    while isinstance(error, BaseExceptionGroup) and error.exceptions:
        error = error.exceptions[0]
    message = str(error).strip() or "no message"
    return f"{type(error).__name__}: {message}"
