"""`users.last_active_at`, written at most once a minute per user and in batches.

The update reader tells `seen(telegram_id)` for every update; a user not written for
`every` seconds is queued, and `flush()` moves every queued user's `last_active_at` to
now in one statement per `BATCH` users. The reader flushes every few seconds and once
more when it stops; a flush that fails keeps its users queued for the next one.
`last_active_at` is therefore up to `every` + the flush period behind (statistics count
active users by the day, broadcasts by it too: neither needs the second).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from models.clock import utcnow
from models.users import User

#: A user's `last_active_at` is written at most this often (seconds).
WRITE_EVERY = 60.0
#: Users per UPDATE statement.
BATCH = 1000


class UserActivity:
    __slots__ = ("_clock", "_pending", "_written", "every")

    def __init__(
        self, every: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.every = WRITE_EVERY if every is None else every
        self._clock = clock
        self._written: dict[int, float] = {}  # telegram id -> when last written or queued
        self._pending: set[int] = set()

    def seen(self, telegram_id: int) -> None:
        """The user sent an update now: queue them unless written within `every`."""
        now = self._clock()
        if now - self._written.get(telegram_id, -self.every) >= self.every:
            self._written[telegram_id] = now
            self._pending.add(telegram_id)

    def wrote(self, telegram_id: int) -> None:
        """The user's `last_active_at` was just written by another statement."""
        self._written[telegram_id] = self._clock()
        self._pending.discard(telegram_id)

    def pending(self) -> int:
        return len(self._pending)

    async def flush(self) -> int:
        """Write every queued user's `last_active_at`; how many were written. On a
        failure the users stay queued and the error is raised."""
        if not self._pending:
            self._forget_old()
            return 0
        queued = sorted(self._pending)
        self._pending = set()
        now = utcnow()
        for start in range(0, len(queued), BATCH):
            chunk = queued[start : start + BATCH]
            try:
                await User.update({User.last_active_at: now}).where(User.telegram_id.is_in(chunk))
            except BaseException:
                self._pending.update(queued[start:])
                raise
        self._forget_old()
        return len(queued)

    def _forget_old(self) -> None:
        """Drop users not written within `every`: they would be queued again anyway."""
        cutoff = self._clock() - self.every
        if len(self._written) > len(self._pending) * 2 + 1024:
            self._written = {
                user: at
                for user, at in self._written.items()
                if at > cutoff or user in self._pending
            }
