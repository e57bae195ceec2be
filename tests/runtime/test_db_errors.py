"""One classifier says which database errors retrying can cure; everything else is
permanent. The SQLite lock is a real one, taken by a second connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from asyncpg import exceptions as pg

from runtime.db_errors import describe_database_error, is_transient_database_error

TRANSIENT = [
    ConnectionRefusedError(111, "Connect call failed"),
    ConnectionResetError(104, "Connection reset by peer"),
    TimeoutError(),
    OSError(113, "No route to host"),
    pg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
    pg.ConnectionFailureError("connection failure"),
    pg.CannotConnectNowError("the database system is starting up"),
    pg.AdminShutdownError("terminating connection due to administrator command"),
    pg.TooManyConnectionsError("sorry, too many clients already"),
    pg.SerializationError("could not serialize access"),
    pg.DeadlockDetectedError("deadlock detected"),
    pg.InterfaceError("connection is closed"),
    sqlite3.OperationalError("database is locked"),
    ExceptionGroup("both", [ConnectionResetError(), TimeoutError()]),
]

PERMANENT = [
    pg.UniqueViolationError("duplicate key value"),
    pg.CharacterNotInRepertoireError("invalid byte sequence for encoding UTF8: 0x00"),
    pg.UndefinedTableError('relation "orders" does not exist'),
    pg.QueryCanceledError("canceling statement due to statement timeout"),
    pg.InterfaceError("pool is closing"),
    pg.InterfaceError("cannot perform operation: another operation is in progress"),
    pg.DataError("invalid input for query argument $1"),
    sqlite3.OperationalError("no such table: orders"),
    sqlite3.IntegrityError("UNIQUE constraint failed"),
    ValueError("bad data"),
    ExceptionGroup("mixed", [ConnectionResetError(), ValueError("bad data")]),
]


@pytest.mark.parametrize("error", TRANSIENT, ids=lambda e: type(e).__name__)
def test_errors_that_retrying_can_cure_are_transient(error: BaseException) -> None:
    assert is_transient_database_error(error)


@pytest.mark.parametrize("error", PERMANENT, ids=lambda e: type(e).__name__)
def test_every_other_error_is_permanent(error: BaseException) -> None:
    assert not is_transient_database_error(error)


def test_a_real_sqlite_lock_held_by_another_writer_is_transient(tmp_path: Path) -> None:
    path = tmp_path / "shop.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    waiting = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        writer.execute("CREATE TABLE t (x INTEGER)")
        writer.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError) as locked:
            waiting.execute("BEGIN IMMEDIATE")
        assert is_transient_database_error(locked.value)
    finally:
        writer.close()
        waiting.close()


def test_the_description_names_the_innermost_error() -> None:
    group = ExceptionGroup("unhandled errors in a TaskGroup", [ConnectionResetError(104, "reset")])
    assert describe_database_error(group) == "ConnectionResetError: [Errno 104] reset"
    assert describe_database_error(TimeoutError()) == "TimeoutError: no message"
