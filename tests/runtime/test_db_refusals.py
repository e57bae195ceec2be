"""Which database errors fail one request (the data was refused) and which propagate."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest

from runtime.db_refusals import REFUSED_DATA, refusal_reason


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.CharacterNotInRepertoireError("invalid byte sequence: 0x00"),
        asyncpg.exceptions.StringDataRightTruncationError("value too long"),
        asyncpg.exceptions.UniqueViolationError("duplicate key value"),
        asyncpg.exceptions.NotNullViolationError("null value"),
        sqlite3.IntegrityError("UNIQUE constraint failed"),
        UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
    ],
)
def test_refused_data_fails_the_request(error: Exception) -> None:
    assert isinstance(error, REFUSED_DATA)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"),
        asyncpg.exceptions.AdminShutdownError("terminating connection"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("too many clients"),
        asyncpg.exceptions.SerializationError("could not serialize access"),
        asyncpg.exceptions.DeadlockDetectedError("deadlock detected"),
        asyncpg.exceptions.InterfaceError("connection is closed"),
        sqlite3.OperationalError("database is locked"),
        ConnectionRefusedError(111, "Connection refused"),
        TimeoutError(),
    ],
)
def test_transient_errors_are_not_refused_data(error: Exception) -> None:
    assert not isinstance(error, REFUSED_DATA)


def test_the_reason_names_the_error_and_its_sqlstate_on_one_line() -> None:
    error = asyncpg.exceptions.CharacterNotInRepertoireError(
        'invalid byte sequence for encoding "UTF8":\n0x00'
    )
    assert refusal_reason(error) == (
        'CharacterNotInRepertoireError [22021]: invalid byte sequence for encoding "UTF8": 0x00'
    )
