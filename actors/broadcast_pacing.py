"""Pacing of broadcast sends: one smooth limiter and one flood gate for all of them.

* `smooth_limiter(rate)` is `AsyncLimiter(1, 1 / rate)`: a bucket of one that drains at
  `rate` per second, so two acquisitions are at least `1 / rate` s apart and no rolling
  second ever holds more than `rate` of them (STACK_NOTES: `AsyncLimiter(rate, 1)` lets
  twice that through at the start, a full bucket draining while it refills).
* `FloodGate`: Telegram's FLOOD_WAIT_X closes it for X seconds; nobody passes it while
  it is closed. Several flood waits extend it to the latest end.
* `Pacer.slot()` is what every broadcast send awaits right before it goes out: the gate,
  then the limiter, then the gate again (a flood wait reported while this task waited
  for the limiter sends it back to the gate, and the limiter token is not used, so a
  crowd released by the gate is still spaced by the limiter).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import anyio
from aiolimiter import AsyncLimiter


def smooth_limiter(rate: float) -> AsyncLimiter:
    return AsyncLimiter(1, 1 / rate)


class FloodGate:
    """Closed until a point in time; `wait_open()` returns once it has passed."""

    def __init__(self, clock: Callable[[], float] = anyio.current_time) -> None:
        self._clock = clock
        self.closed_until = -math.inf
        self.waits = 0  # how many flood waits closed it (for progress and metrics)

    def close_for(self, seconds: float) -> float:
        """Close for `seconds` from now (never shortening a longer wait); the end time."""
        self.waits += 1
        self.closed_until = max(self.closed_until, self._clock() + max(seconds, 0.0))
        return self.closed_until

    def remaining(self) -> float:
        return max(0.0, self.closed_until - self._clock())

    @property
    def is_open(self) -> bool:
        return self.remaining() <= 0

    async def wait_open(self) -> None:
        while (left := self.remaining()) > 0:  # noqa: ASYNC110 - the deadline can move
            await anyio.sleep(left)


class Pacer:
    """The one limiter and the one flood gate every broadcast send goes through."""

    def __init__(self, rate: float, gate: FloodGate | None = None) -> None:
        self.rate = rate
        self.limiter = smooth_limiter(rate)
        self.gate = gate or FloodGate()

    async def slot(self) -> None:
        """Return when this send may go out now."""
        while True:
            await self.gate.wait_open()
            await self.limiter.acquire()
            if self.gate.is_open:
                return
