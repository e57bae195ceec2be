"""Each user's ban and language, cached in process: what every update needs to know.

One `UserStatusCache` is made per process (`main.run_until_signal`) and shared by the
update reader and the handlers. The reader reads a user's row only on a miss; every
writer of `users.is_banned` or `users.language` (`models.users.set_banned`,
`set_language`, and `models.customers.set_customer_banned` through them) forgets the
user's entry once its write is done, so a ban or a language switch takes effect on the
user's next update. A read that was in flight while an entry was forgotten is not
stored (the generation check in `put`), so a stale row never outlives a write.

Bounded: at most `max_users` entries, the least recently used forgotten first. An entry
is also read again after `ttl` seconds, so a write that bypassed the writers (an operator
in psql, another process) is seen within that time.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.users import UserStatus

MAX_USERS = 200_000
#: Seconds an entry is trusted before the user's row is read again.
TTL = 600.0


class UserStatusCache:
    __slots__ = ("_clock", "_entries", "_generation", "max_users", "ttl")

    def __init__(
        self,
        max_users: int = MAX_USERS,
        ttl: float = TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_users < 1:
            raise ValueError(f"max_users must be at least 1, not {max_users}")
        self.max_users = max_users
        self.ttl = ttl
        self._clock = clock
        self._entries: OrderedDict[int, tuple[UserStatus, float]] = OrderedDict()
        self._generation = 0

    def get(self, telegram_id: int) -> UserStatus | None:
        """The cached status; None when not cached or older than `ttl`."""
        entry = self._entries.get(telegram_id)
        if entry is None:
            return None
        if self._clock() - entry[1] >= self.ttl:
            del self._entries[telegram_id]
            return None
        self._entries.move_to_end(telegram_id)
        return entry[0]

    def generation(self) -> int:
        """Taken before reading a status from the database, handed back to `put`."""
        return self._generation

    def put(self, telegram_id: int, status: UserStatus, generation: int) -> None:
        """Keep `status`, read from the database since `generation()` gave `generation`;
        not kept when an entry was forgotten meanwhile (the read may predate a write)."""
        if generation != self._generation:
            return
        self._entries[telegram_id] = (status, self._clock())
        self._entries.move_to_end(telegram_id)
        while len(self._entries) > self.max_users:
            self._entries.popitem(last=False)

    def forget(self, telegram_id: int) -> None:
        """The user's row changed (ban, language): read it again on their next update."""
        self._generation += 1
        self._entries.pop(telegram_id, None)

    def __len__(self) -> int:
        return len(self._entries)
