"""Pacing of broadcast sends: one smooth limiter and one flood gate for all of them.

* `smooth_limiter(rate)`: up to 200/s it is a bucket of one and a little
  (`AsyncLimiter(1 + slack, ...)`, with 1% room for jitter), so acquisitions are evenly
  spaced and no rolling second ever holds more than `rate` of them (STACK_NOTES:
  `AsyncLimiter(rate, 1)` lets twice that through at the start, a full bucket draining
  while it refills). The slack makes up a slot its waiter took late (timers and a busy
  event loop wake it a millisecond or more after its time): with a bucket of exactly
  one, every late wake-up was lost for good, ~3% of the rate at 20/s. Above 200/s, a
  bucket of a few, sized so the same bound holds (see its docstring).
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

#: The event loop's timers fire up to ~1 ms late (epoll waits in whole milliseconds), so
#: a bucket of one at 1000/s would reach ~700/s. Above this rate the bucket holds a few
#: (one per this many messages a second) and drains correspondingly slower.
BURST_EVERY = 200
#: Seconds a send may take from its slot to the wire (inside Kurigram and the event
#: loop), more for one send than for the next: the spacing leaves room for it, so the
#: promise holds where Telegram counts, not only where the slot is taken.
JITTER = 0.01
#: How late a waiter may be woken (timer resolution, a busy event loop) without losing
#: its slot: the bucket holds this many seconds of sends more than its burst, at most
#: half a send or 40% of the burst, whichever is more (the room costs as much rate as it
#: holds: 0.2% at 1000/s, where the sender's own work keeps the loop half busy and
#: wake-ups come a millisecond or two late; 2 sends of room took 1000/s from 97.5-98.0%
#: to 98.2% of the rate in bench/broadcast.py).
LATENESS = 0.005
#: The room for late wake-ups as a share of the burst, when that is more than half a send.
LATENESS_OF_BURST = 0.4


def smooth_limiter(rate: float) -> AsyncLimiter:
    """One limiter that never lets more than `rate` acquisitions through in any rolling
    second (even allowing `JITTER` on the way to the wire), evenly spaced.

    A leaky bucket of capacity `k` draining at `d` a second admits, in any window of
    `w` seconds, fewer than `k + d * w` acquisitions (a full bucket's `k` at the start,
    then one each `1 / d` s, the last before the window's end). Sends taken from any
    window of `1 + JITTER` s must be at most `rate`: `d = (rate - k + 1) / (1 + JITTER)`.
    `k = 1 + slack` (evenly spaced) up to `BURST_EVERY` a second; above it,
    `k = rate // BURST_EVERY + slack` (5 at 1000/s: bursts of 5 within the second's
    budget). `slack` (`LATENESS` s of sends, at most 0.5 or 40% of the burst) lets a
    waiter woken late still take its slot and the next one come that much sooner, so
    late timers do not cost rate; it costs `slack / rate` (0.5% at 20/s). STACK_NOTES: the obvious
    `AsyncLimiter(rate, 1)` is `k = d = rate`: up to `2 * rate - 1` in a second."""
    burst = max(1, int(rate // BURST_EVERY))
    slack = min(rate * LATENESS, max(0.5, burst * LATENESS_OF_BURST))
    size = burst + slack
    drain = (rate - size + 1) / (1 + JITTER)
    return AsyncLimiter(size, size / drain)


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
