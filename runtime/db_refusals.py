"""Database errors that retrying cannot cure: the database refused this request's data.

A NUL byte in a text (PostgreSQL: "invalid byte sequence for encoding UTF8: 0x00"), a
value too long for its column, a violated constraint, a string that cannot be encoded:
the same statement with the same data fails the same way every time, so the request is
failed on its own and whoever made it is told (DESIGN: "no single message crash-loops
an actor"). Everything else (a lost connection, a server shutting down, a timeout, a
locked SQLite file, a serialisation failure) is not such an error: it propagates, to be
retried by whoever retries transient errors, or to crash the actor if it is a bug.
"""

from __future__ import annotations

import sqlite3

import asyncpg

#: PostgreSQL classes 22 (data exception) and 23 (integrity constraint violation),
#: their SQLite counterparts, and text Python cannot encode.
REFUSED_DATA: tuple[type[Exception], ...] = (
    asyncpg.exceptions.DataError,
    asyncpg.exceptions.IntegrityConstraintViolationError,
    sqlite3.DataError,
    sqlite3.IntegrityError,
    UnicodeError,
)


def refusal_reason(error: BaseException) -> str:
    """One line for an alert and the logs: the error's class, SQLSTATE and message (the
    database's message names the problem, not the row's data)."""
    sqlstate = getattr(error, "sqlstate", None)
    code = f" [{sqlstate}]" if isinstance(sqlstate, str) else ""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}{code}: {message}"[:300]
