"""Per-user flood guard: a token bucket per user; over it, one "slow down" and silence.

A user may send `burst` updates at once and `rate` a second after that. The first
update over the limit gets one polite warning; the rest of that flood is dropped
without a reply, until the bucket has refilled.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio


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
    clock: Callable[[], float] = anyio.current_time
    max_users: int = 100_000
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def admit(self, user_id: int) -> Verdict:
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= self.max_users:
                self._forget_full_buckets(now)
            bucket = self._buckets[user_id] = _Bucket(self.burst, now)
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

    def _forget_full_buckets(self, now: float) -> None:
        """Users whose bucket has refilled are indistinguishable from new ones."""
        refilled = [
            user_id
            for user_id, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated_at) * self.rate >= self.burst
        ]
        for user_id in refilled:
            del self._buckets[user_id]
