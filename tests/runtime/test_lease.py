"""The lease: one holder at a time, handed over the moment the holder goes."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from config import Settings
from runtime.db_engine import postgres_config
from runtime.lease import FileLease, PostgresLease, lease_key


async def test_a_file_lease_has_one_holder_and_passes_on_release(tmp_path: Path) -> None:
    first, second = FileLease(tmp_path / "bot.lock"), FileLease(tmp_path / "bot.lock")
    assert await first.try_acquire()
    assert not await second.try_acquire()
    await first.release()
    with anyio.fail_after(5):
        await second.acquire()
    assert not await first.try_acquire()
    await second.release()
    await first.release()


@pytest.mark.postgres
async def test_a_waiting_standby_takes_the_lock_when_the_holders_connection_dies(
    postgres_database: Settings,
) -> None:
    connect = postgres_config(postgres_database)
    holder, standby = PostgresLease(connect, lease_key(42)), PostgresLease(connect, lease_key(42))
    other_bot = PostgresLease(connect, lease_key(43))
    assert await holder.try_acquire()
    assert not await standby.try_acquire()
    assert await other_bot.try_acquire()  # another bot's lease is another lock
    took = anyio.Event()

    async def stand_by() -> None:
        await standby.acquire()
        took.set()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(stand_by)
        await anyio.wait_all_tasks_blocked()
        assert not took.is_set()
        connection = holder._connection
        assert connection is not None
        connection.terminate()  # as kill -9 ends it: no unlock, the socket just closes
        with anyio.fail_after(5):
            await took.wait()
    for lease in (holder, standby, other_bot):
        await lease.release()


def test_the_lease_key_is_stable_and_per_bot() -> None:
    assert lease_key(7) == lease_key(7)
    assert lease_key(7) != lease_key(8)
    assert -(2**63) <= lease_key(7) < 2**63
