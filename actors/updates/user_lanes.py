"""One lane per user: a user's updates are handled one at a time, in arrival order.

Different users run in parallel. Without this, a double press of "add to cart" or two
quick messages in a checkout would race each other. A lane disappears when no update
of its user is waiting.

A free lane is entered without a turn of the event loop (`fast_acquire`): the update
starts at once, as it would without lanes; a busy one queues its waiters in order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio


class UserLanes:
    def __init__(self) -> None:
        self._lanes: dict[int, tuple[anyio.Lock, list[int]]] = {}

    @asynccontextmanager
    async def lane(self, user_id: int) -> AsyncIterator[None]:
        lane = self._lanes.get(user_id)
        if lane is None:
            lane = self._lanes[user_id] = (anyio.Lock(fast_acquire=True), [0])
        lock, users = lane
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._lanes[user_id]

    def __len__(self) -> int:
        return len(self._lanes)
