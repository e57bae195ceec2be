"""The pacer: never more than `rate` slots in any rolling second, and nothing while a flood
wait holds the gate. How close to `rate` it gets is a figure of `bench/broadcast.py`, not
an assertion here (it depends on the machine's load)."""

from __future__ import annotations

import anyio
import pytest
from aiolimiter import AsyncLimiter

from actors.broadcast.pacing import FloodGate, Pacer, smooth_limiter

pytestmark = pytest.mark.paced


def max_in_window(times: list[float], window: float = 1.0) -> int:
    best = start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def slot_times(pacer: Pacer, seconds: float, tasks: int = 50) -> list[float]:
    times: list[float] = []

    async def take() -> None:
        while True:
            await pacer.slot()
            times.append(anyio.current_time())

    with anyio.move_on_after(seconds):
        async with anyio.create_task_group() as group:
            for _ in range(tasks):
                group.start_soon(take)
    return times


@pytest.mark.parametrize("rate", [20, 50, 1000])
async def test_never_more_than_the_rate_in_any_rolling_second(rate: int) -> None:
    times = await slot_times(Pacer(rate), 2.5)
    assert len(times) > rate, "more than a second's worth of slots were given"
    assert max_in_window(times) <= rate


async def test_the_obvious_limiter_would_let_twice_the_rate_through() -> None:
    """STACK_NOTES, checked: why `smooth_limiter` is not `AsyncLimiter(rate, 1)`."""
    obvious = AsyncLimiter(20, 1)
    times: list[float] = []
    with anyio.move_on_after(1.5):
        while True:
            await obvious.acquire()
            times.append(anyio.current_time())
    assert max_in_window(times) > 30
    smooth = smooth_limiter(20)
    # A bucket of one and a tenth (5 ms of sends: a late wake-up keeps its slot),
    # draining at (20 - 0.1) / 1.01 a second: never 21 in a rolling 1.01 s.
    assert smooth.max_rate == pytest.approx(1.1)
    assert smooth.time_period == pytest.approx(1.1 * 1.01 / 19.9)


async def test_a_flood_wait_closes_the_gate_for_everyone_and_a_longer_one_extends_it() -> None:
    gate = FloodGate()
    pacer = Pacer(100, gate)
    start = anyio.current_time()
    gate.close_for(0.4)
    gate.close_for(0.1)  # never shortens
    assert not gate.is_open and gate.remaining() > 0.3
    times = await slot_times(pacer, 0.7, tasks=5)
    assert times and min(times) - start >= 0.4
    assert gate.waits == 2
