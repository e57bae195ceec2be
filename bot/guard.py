"""Per-user flood guard: a token bucket per user; over it, one "slow down" and silence.

A user may send `burst` updates at once and `rate` a second after that. The first
update over the limit gets one polite warning; the rest of that flood is dropped
without a reply, until the bucket has refilled.

Memory is bounded by a hard cap: never more than `max_users` buckets. They are kept
in least-recently-seen order (an `OrderedDict`), so each admit costs O(1) amortised:
buckets at the old end that have refilled are forgotten as they are passed (a full
bucket is what a new user gets, so forgetting it changes nothing), and when the cap is
still reached the user seen longest ago is forgotten (under a flood of more distinct
users than the cap within `burst / rate` seconds, that user starts afresh).
"""

from __future__ import annotations

import enum
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

#: Refilled buckets forgotten at most per admit, so one admit never walks the whole map.
SWEEP_PER_ADMIT = 2


class Verdict(enum.Enum):
    ALLOW = "allow"
    WARN = "warn"
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    updated_at: float
    warned: bool = False


@dataclass
class FloodGuard:
    rate: float = 2.0
    burst: float = 8.0
    #: The event loop's clock (asyncio's is `time.monotonic`), read directly: anyio's
    #: `current_time` looks the backend up on every call, i.e. on every update.
    clock: Callable[[], float] = time.monotonic
    max_users: int = 100_000
    _buckets: OrderedDict[int, _Bucket] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        if self.max_users < 1:
            raise ValueError(f"max_users must be at least 1, not {self.max_users}")

    def admit(self, user_id: int) -> Verdict:
        now = self.clock()
        self._forget_refilled(now)
        bucket = self._buckets.get(user_id)
        if bucket is None:
            while len(self._buckets) >= self.max_users:
                self._buckets.popitem(last=False)
            bucket = self._buckets[user_id] = _Bucket(self.burst, now)
        else:
            self._buckets.move_to_end(user_id)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated_at) * self.rate)
        bucket.updated_at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def tracked_users(self) -> int:
        return len(self._buckets)

    def _forget_refilled(self, now: float) -> None:
        """Forget the least recently seen users whose bucket has refilled (they are
        indistinguishable from new ones), a few per call: every admit adds at most one
        bucket, so sweeping two keeps pace."""
        for _ in range(SWEEP_PER_ADMIT):
            if not self._buckets:
                return
            oldest = next(iter(self._buckets.values()))
            if oldest.tokens + (now - oldest.updated_at) * self.rate < self.burst:
                return
            self._buckets.popitem(last=False)
