"""The supervisor's vocabulary, declared as data: restart types, strategies, backoff,
flags, child specs, stats, and the exceptions it raises."""

from __future__ import annotations

import enum
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from actors.actor_context import ActorContext


class Restart(enum.Enum):
    """When a child that ended is started again (OTP restart types)."""

    PERMANENT = "permanent"  # always, even after a normal return
    TRANSIENT = "transient"  # only after it ended with an exception
    TEMPORARY = "temporary"  # never: its end removes it


class Strategy(enum.Enum):
    """Which children are restarted when one must be."""

    ONE_FOR_ONE = "one_for_one"  # only that child
    REST_FOR_ONE = "rest_for_one"  # that child and every child declared after it


@dataclass(frozen=True)
class Backoff:
    """Exponential, capped, jittered delay before a restart."""

    initial: float = 0.1
    maximum: float = 5.0
    factor: float = 2.0
    jitter: float = 0.2

    def __post_init__(self) -> None:
        if not 0 <= self.initial <= self.maximum:
            raise ValueError("Backoff needs 0 <= initial <= maximum")
        if self.factor < 1:
            raise ValueError("Backoff.factor must be >= 1")
        if not 0 <= self.jitter < 1:
            raise ValueError("Backoff.jitter must be in [0, 1)")

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait before restart number ``attempt`` (0, 1, 2, ...).

        ``initial * factor**attempt``, capped at ``maximum``, then moved by a uniformly
        random fraction in ``[-jitter, +jitter]`` so that children crashing together do
        not restart in lockstep.
        """
        try:
            base = min(self.maximum, self.initial * self.factor ** max(attempt, 0))
        except OverflowError:
            base = self.maximum
        spread = base * self.jitter
        return max(0.0, base + rng.uniform(-spread, spread))


@dataclass(frozen=True)
class SupervisorFlags:
    """When the supervisor stops restarting and gives up (escalates).

    Two limits, either one is enough:

    - OTP's restart intensity: more than ``intensity`` restarts (of any children) within
      any ``period`` seconds, a sliding window, as in Erlang/OTP.
    - Our addition for slow crash loops, which the backoff keeps under that window: a
      run that ends (and needs a restart) less than ``min_uptime`` seconds after it
      started is a *short run*; more than ``max_short_runs`` short runs of one child in
      a row. A run that stays up ``min_uptime`` seconds ends the row.
    """

    strategy: Strategy = Strategy.ONE_FOR_ONE
    intensity: int = 5
    period: float = 30.0
    backoff: Backoff = Backoff()
    min_uptime: float = 30.0
    max_short_runs: int = 10

    def __post_init__(self) -> None:
        if self.intensity < 0 or self.period <= 0:
            raise ValueError("SupervisorFlags needs intensity >= 0 and period > 0")
        if self.min_uptime < 0 or self.max_short_runs < 0:
            raise ValueError("SupervisorFlags needs min_uptime >= 0 and max_short_runs >= 0")


class SupervisorGaveUp(Exception):
    """A restart limit of :class:`SupervisorFlags` was passed; every child has been stopped.

    ``child_id`` is the child whose end would have needed the restart past the limit;
    ``reason`` says which limit; the exception the child ended with (if any) is the
    ``__cause__``.
    """

    def __init__(self, child_id: str, reason: str) -> None:
        super().__init__(f"supervisor gave up on {child_id!r}: {reason}")
        self.child_id = child_id
        self.reason = reason


class ChildStartError(Exception):
    """A child ended, or did not call ``ctx.ready()`` in time, while it was starting."""


@dataclass
class SupervisorStats:
    """Counters for the metrics collector (per child id)."""

    crashes: Counter[str] = field(default_factory=Counter)
    restarts: Counter[str] = field(default_factory=Counter)
    alerts_dropped: int = 0
    gave_up: bool = False


ActorStart = Callable[[ActorContext], Awaitable[None]]


@dataclass(frozen=True)
class ChildSpec:
    """A child declared as data.

    ``shutdown``: seconds a graceful stop waits before cancelling the child.
    ``ready_timeout``: seconds to wait for ``ctx.ready()`` before counting a crash.
    """

    id: str
    start: ActorStart
    restart: Restart = Restart.PERMANENT
    shutdown: float = 5.0
    ready_timeout: float = 10.0
