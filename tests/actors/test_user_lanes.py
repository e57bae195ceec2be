"""One user's updates run one at a time, in order; other users run alongside."""

import asyncio

import anyio
import anyio.lowlevel

from actors.updates.user_lanes import UserLanes


async def test_one_users_updates_are_handled_in_arrival_order_one_at_a_time() -> None:
    lanes = UserLanes()
    order: list[str] = []
    first_inside = anyio.Event()
    release_first = anyio.Event()

    async def first() -> None:
        async with lanes.lane(42):
            order.append("first in")
            first_inside.set()
            await release_first.wait()
            order.append("first out")

    async def second() -> None:
        async with lanes.lane(42):
            order.append("second in")

    with anyio.fail_after(5):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(first)
            await first_inside.wait()
            tasks.start_soon(second)
            await anyio.wait_all_tasks_blocked()
            assert order == ["first in"]  # the second waits in the lane
            release_first.set()
    assert order == ["first in", "first out", "second in"]
    assert len(lanes) == 0  # lanes go away when idle


async def test_different_users_do_not_wait_for_each_other() -> None:
    lanes = UserLanes()
    other_done = anyio.Event()
    release = anyio.Event()

    async def slow() -> None:
        async with lanes.lane(1):
            await release.wait()

    async def other() -> None:
        async with lanes.lane(2):
            other_done.set()

    with anyio.fail_after(5):
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(slow)
            tasks.start_soon(other)
            await other_done.wait()
            release.set()


async def test_a_free_lane_is_entered_without_a_turn_of_the_event_loop() -> None:
    lanes = UserLanes()
    turned: list[str] = []
    asyncio.get_running_loop().call_soon(turned.append, "turn")

    async with lanes.lane(7):
        assert turned == []  # the update starts at once

    with anyio.fail_after(5):
        while not turned:
            await anyio.lowlevel.checkpoint()
