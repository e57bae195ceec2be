"""A loguru sink that counts ERROR records and raises one alert per burst of them.

More than `limit` records at ERROR or above within any `window` seconds is a burst:
one alert when it starts, one recovery message once a whole window passes under the
limit again (checked as records arrive and on `tick`). The sink never logs and raises
its alerts quietly (a dropped one is only counted), so it cannot re-enter loguru, and
a record logged while this sink runs is not counted again (a re-entrance guard).
Records logged from another thread (a worker thread) are only counted there: the alert
is decided on the event loop's thread (at the next record there, or `tick`), since the
alerts inbox is not thread-safe.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from loguru import logger

from runtime.alerts import Alert, AlertChannel, Condition, Severity

if TYPE_CHECKING:
    from loguru import Message

ERROR_LEVEL = 40  # loguru's ERROR number; CRITICAL is 50


class ErrorBurstWatch:
    def __init__(
        self,
        alerts: AlertChannel,
        limit: int,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._times: deque[float] = deque()
        self._condition = Condition(alerts, "log:error_burst")
        self._inside = False
        self._latest = ""
        self._handler_id: int | None = None
        self._home = threading.get_ident()  # the event loop's thread (set at install)

    def install(self) -> None:
        """Add the sink to loguru (once)."""
        if self._handler_id is None:
            self._home = threading.get_ident()
            self._handler_id = logger.add(self.sink, level="ERROR", format="{message}", catch=True)

    def remove(self) -> None:
        if self._handler_id is not None:
            logger.remove(self._handler_id)
            self._handler_id = None

    def sink(self, message: Message) -> None:
        if self._inside:
            return
        self._inside = True
        try:
            if message.record["level"].no >= ERROR_LEVEL:
                self.count(message.record["message"])
        finally:
            self._inside = False

    def count(self, latest: str) -> None:
        self._latest = latest
        self._times.append(self._clock())
        if threading.get_ident() == self._home:
            self._judge()

    def _judge(self) -> None:
        self._forget(self._clock())
        if len(self._times) > self.limit:
            self._condition.hold(
                Alert(
                    "logs",
                    f"A burst of errors: {len(self._times)} ERROR log lines in the last "
                    f"{self.window:.0f} s (limit {self.limit}). Read the logs.",
                    Severity.CRITICAL,
                    details={"latest": self._latest[:300]},
                ),
                quiet=True,
            )

    def tick(self) -> None:
        """Alert on records counted from other threads; send the recovery message once a
        whole window passed with no ERROR line."""
        self._judge()
        if self._condition.active and not self._times:
            self._condition.clear(
                Alert(
                    "logs",
                    f"Errors calmed down: no ERROR log line in the last {self.window:.0f} s.",
                    Severity.INFO,
                ),
                quiet=True,
            )

    def _forget(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()
