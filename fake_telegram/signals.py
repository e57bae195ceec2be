"""Keyed wake-ups: wait until something about a key changed, without sleeping.

`notify(key)` wakes whoever waits on `key`; `wait_until(key, check, timeout)` re-checks
its condition after every wake-up. Events are created only while someone waits, so
the object can be built outside an event loop. Call both from the loop's thread.
"""

# The driver's API takes `timeout=` (`await alice.expect_message(timeout=5)`); every wait
# is still bounded inside with anyio.fail_after.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import anyio

T = TypeVar("T")


class Signals:
    def __init__(self) -> None:
        self._events: dict[Hashable, anyio.Event] = {}

    def notify(self, key: Hashable) -> None:
        event = self._events.pop(key, None)
        if event is not None:
            event.set()

    async def wait_until(
        self, key: Hashable, check: Callable[[], T | None], timeout: float, what: str
    ) -> T:
        """Return `check()` once it is not None; TimeoutError naming `what` after `timeout`."""
        try:
            with anyio.fail_after(timeout):
                while True:
                    value = check()
                    if value is not None:
                        return value
                    event = self._events.get(key)
                    if event is None:
                        event = self._events[key] = anyio.Event()
                    await event.wait()
        except TimeoutError:
            raise TimeoutError(f"{what}: nothing after {timeout} s") from None
