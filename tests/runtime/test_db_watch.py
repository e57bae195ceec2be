"""`DatabaseWatch`: retries wait out transient errors for as long as they last (and raise
the rest), and an outage is one change when it starts and one when it ends."""

from __future__ import annotations

import anyio
import pytest

from runtime.backoff import RetryPolicy
from runtime.db_watch import DatabaseChange, DatabaseWatch

FAST = RetryPolicy(initial=0.0001, maximum=0.001)
REFUSED = ConnectionRefusedError(111, "Connect call failed")


class Database:
    """A probe target that is down while `down` is set; counts the probes."""

    def __init__(self) -> None:
        self.down = False
        self.probes = 0
        self.probed = anyio.Event()

    async def probe(self) -> None:
        self.probes += 1
        self.probed.set()
        self.probed = anyio.Event()
        if self.down:
            raise REFUSED


class Changes:
    def __init__(self) -> None:
        self.seen: list[DatabaseChange] = []
        self._event = anyio.Event()

    def __call__(self, change: DatabaseChange) -> None:
        self.seen.append(change)
        self._event.set()
        self._event = anyio.Event()

    async def wait_for(self, count: int) -> None:
        with anyio.fail_after(5):
            while len(self.seen) < count:
                await self._event.wait()


async def test_a_retry_outlasts_any_number_of_transient_failures() -> None:
    watch = DatabaseWatch(Database().probe, FAST)
    failures_left = 500  # far past any attempt cap a library would default to

    async def flaky() -> int:
        nonlocal failures_left
        if failures_left:
            failures_left -= 1
            raise REFUSED
        return 42

    assert await watch.retry(flaky, who="order_processor") == 42
    assert watch.retries["order_processor"] == 500


async def test_a_permanent_error_is_raised_at_once() -> None:
    watch = DatabaseWatch(Database().probe, FAST)

    async def broken() -> None:
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        await watch.retry(broken, who="order_processor")
    assert watch.retries["order_processor"] == 0


async def test_a_retry_stops_when_its_caller_is_cancelled() -> None:
    watch = DatabaseWatch(Database().probe, FAST)

    async def down() -> None:
        raise REFUSED

    with anyio.move_on_after(0.05) as scope:
        await watch.retry(down, who="broadcast_sender")
    assert scope.cancelled_caught


async def test_an_outage_is_one_change_at_its_start_and_one_at_its_end() -> None:
    database = Database()
    watch = DatabaseWatch(database.probe, FAST)
    changes = Changes()
    watch.listen(changes)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch.run)
        database.down = True
        for _ in range(5):
            watch.report(REFUSED)
        await changes.wait_for(1)
        assert watch.is_down
        for _ in range(5):
            watch.report(REFUSED)
        database.down = False
        await changes.wait_for(2)
        assert not watch.is_down
        tasks.cancel_scope.cancel()
    assert [change.down for change in changes.seen] == [True, False]
    assert changes.seen[0].cause == "ConnectionRefusedError: [Errno 111] Connect call failed"
    assert changes.seen[1].lasted >= 0


async def test_a_failure_the_probe_does_not_confirm_changes_nothing() -> None:
    database = Database()
    watch = DatabaseWatch(database.probe, FAST)
    changes = Changes()
    watch.listen(changes)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch.run)
        for _ in range(2):  # the second probe starts once the first was dealt with
            probed = database.probed
            watch.report(TimeoutError())  # e.g. one lock wait that timed out
            with anyio.fail_after(5):
                await probed.wait()
        tasks.cancel_scope.cancel()
    assert database.probes == 2
    assert changes.seen == [] and not watch.is_down
