"""The lease: exactly one process of a bot token talks to Telegram; the others stand by.

Two processes answering one token handle every update twice (DESIGN.md "More than one
process"), so `main.serve` holds the lease before it builds the Telegram client and
until the client has stopped.

* PostgreSQL (`POSTGRES_HOST` set): a session-level advisory lock
  (`pg_advisory_lock`) on a dedicated connection, outside the pool. PostgreSQL gives
  the guarantee: the lock belongs to that connection, a second `pg_advisory_lock`
  blocks inside the server until it is free, and the server frees it as soon as the
  holder's connection ends: an orderly release, a crash, or kill -9 (the kernel closes
  the socket and the backend exits at once). A standby blocked in `pg_advisory_lock`
  therefore takes over in the time of one round trip, with no polling. A Redis lease
  would need a TTL (a failover no faster than the TTL) plus fencing tokens; the
  advisory lock needs neither, and the bot already depends on PostgreSQL in production.
* SQLite (no PostgreSQL, one machine): an exclusive `flock` on `SESSION_DIR/bot.lock`.
  The kernel frees it when the holder's process dies, so a second process on the same
  `SESSION_DIR` waits as a standby instead of crashing on the session file's
  "database is locked".

Losing the lease while active (PostgreSQL restarted, the network cut: the connection's
liveness probe fails) sets `lost`; the caller stops talking to Telegram at once, since
a standby may already hold the lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

import anyio
import asyncpg
from loguru import logger

from config import Settings
from runtime.db_engine import postgres_config

#: How often the holder checks that its lock connection is alive, and how long a probe may take.
PROBE_INTERVAL, PROBE_TIMEOUT = 1.0, 2.0
#: How often a standby on SQLite tries the file lock again (flock cannot wait cancellably).
FILE_RETRY_INTERVAL = 0.2


class Lease(Protocol):
    """Held by one process at a time; `acquire` waits for it, `lost` says it went."""

    lost: anyio.Event

    async def try_acquire(self) -> bool:
        """Take the lease if it is free: True when this process holds it now."""
        ...

    async def acquire(self) -> None:
        """Wait until this process holds the lease (cancellable)."""
        ...

    async def watch(self) -> None:
        """While held: return (setting `lost`) once the lease can no longer be trusted."""
        ...

    async def release(self) -> None:
        """Give the lease up (idempotent); a standby takes it at once."""
        ...


def lease_key(bot_id: int) -> int:
    """The advisory lock's key for one bot: a stable signed 64-bit number, so every
    replica of a bot computes the same key and two bots on one database never share it."""
    digest = hashlib.blake2b(f"shopbot-lease:{bot_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresLease:
    """A session-level advisory lock on a dedicated asyncpg connection."""

    def __init__(self, connect: dict[str, Any], key: int) -> None:
        self._connect = connect
        self._key = key
        self._connection: asyncpg.Connection | None = None
        self.lost = anyio.Event()

    async def _connected(self) -> asyncpg.Connection:
        if self._connection is None:
            self._connection = await asyncpg.connect(**self._connect)
        return self._connection

    async def try_acquire(self) -> bool:
        connection = await self._connected()
        return bool(await connection.fetchval("SELECT pg_try_advisory_lock($1)", self._key))

    async def acquire(self) -> None:
        connection = await self._connected()
        try:
            # Blocks in the server until the holder's connection ends; cancelling this
            # task cancels the query (asyncpg sends a cancel request).
            await connection.execute("SELECT pg_advisory_lock($1)", self._key)
        except BaseException:
            await self.release()
            raise

    async def watch(self) -> None:
        if self._connection is None:
            raise RuntimeError("watch() before acquire()")
        while True:
            await anyio.sleep(PROBE_INTERVAL)
            try:
                with anyio.fail_after(PROBE_TIMEOUT):
                    await self._connected_or_fail().fetchval("SELECT 1")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                logger.warning("the lease's database connection failed ({}): taking it again", exc)
                if not await self._retake():
                    logger.error("another process holds the lease now: stopping at once")
                    self.lost.set()
                    return
                logger.info("the lease is held again")

    def _connected_or_fail(self) -> asyncpg.Connection:
        if self._connection is None:
            raise asyncpg.InterfaceError("the lease's connection is closed")
        return self._connection

    async def _retake(self) -> bool:
        """After the lock's connection failed: True once it is ours again, False when
        another process took it. While the database cannot be reached at all, no other
        process can take it either, so this keeps trying: the bot rides out a database
        outage as it does without replicas (runtime/db_watch.py)."""
        await self.release()
        while True:
            try:
                with anyio.fail_after(PROBE_TIMEOUT * 2):
                    return await self.try_acquire()
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
                await self.release()
                await anyio.sleep(PROBE_INTERVAL)

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        with anyio.CancelScope(shield=True):
            # Closing the connection frees the session's locks (held or not).
            if not connection.is_closed():
                await _close(connection)


async def _close(connection: asyncpg.Connection) -> None:
    try:
        await connection.close(timeout=2)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
        connection.terminate()


class FileLease:
    """An exclusive `flock` on a file in `SESSION_DIR` (one machine, SQLite)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None
        self.lost = anyio.Event()

    async def try_acquire(self) -> bool:
        if self._fd is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    async def acquire(self) -> None:
        try:
            # flock offers nothing to await, and a blocking flock in a worker thread
            # could not be cancelled: poll.
            while not await self.try_acquire():  # noqa: ASYNC110
                await anyio.sleep(FILE_RETRY_INTERVAL)
        except BaseException:
            await self.release()
            raise

    async def watch(self) -> None:
        # A flock held by a living process cannot be taken away from it.
        await anyio.sleep_forever()

    async def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the lock


def build_lease(settings: Settings, bot_id: int) -> Lease:
    """The lease for this deployment: PostgreSQL's advisory lock, or a file lock on SQLite."""
    if settings.uses_postgres:
        return PostgresLease(postgres_config(settings), lease_key(bot_id))
    return FileLease(settings.session_dir / "bot.lock")


@asynccontextmanager
async def held(lease: Lease) -> AsyncIterator[Lease]:
    """Acquire `lease` (waiting as a standby), release it on the way out whatever happens."""
    await lease.acquire()
    try:
        yield lease
    finally:
        await lease.release()
