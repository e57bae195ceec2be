"""`DatabaseWatch`: is the database reachable now; actors' retries; an outage's start and end.

* Actors run their database work through `watch.retry(operation, who=...)`: an error
  that retrying can cure (`runtime.db_errors`) is waited out with the `RetryPolicy`'s
  backoff and tried again, for as long as the outage lasts; any other error is raised.
  Each failed attempt is counted per actor and reported to the watch.
* The update reader, which must answer at once rather than wait, reports the transient
  errors it meets (`report`) and reads `is_down` to answer "try again in a minute"
  without touching the database while it is down.
* A report wakes `run()`, which checks with its own `SELECT 1`. Only when that fails
  too has an outage started: `is_down` turns true and the listeners hear one change
  naming the error that revealed it. It then probes with the same backoff until the
  database answers: the outage is over, one more change. A failure the probe does not
  confirm (a lock timeout, one dropped connection) changes nothing.

`run()` must run in one task for the life of the process (the metrics collector runs it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from loguru import logger
from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

from runtime.backoff import RetryPolicy
from runtime.db_errors import describe_database_error, is_transient_database_error

T = TypeVar("T")

#: Seconds one probe (`SELECT 1`) may take before it counts as a failure.
PROBE_TIMEOUT = 5.0


@dataclass(frozen=True)
class DatabaseChange:
    """The database went down (`down`) or came back; `cause` names what revealed the
    outage; `lasted` is the outage's length in seconds when it came back."""

    down: bool
    cause: str
    lasted: float = 0.0


Listener = Callable[[DatabaseChange], None]
Probe = Callable[[], Awaitable[object]]


def select_one(engine: Engine[Any], within: float = PROBE_TIMEOUT) -> Probe:
    """A probe that raises unless `SELECT 1` answers within `within` seconds."""

    async def probe() -> object:
        with anyio.fail_after(within):
            return await engine.run_querystring(QueryString("SELECT 1"))

    return probe


class DatabaseWatch:
    """See the module docstring. Make it inside the running event loop."""

    def __init__(
        self,
        probe: Probe,
        policy: RetryPolicy,
        clock: Callable[[], float] = anyio.current_time,
    ) -> None:
        self.policy = policy
        self.is_down = False
        self.cause = ""
        #: Failed attempts of `retry`, per actor (`who`), since the process started.
        self.retries: Counter[str] = Counter()
        self._probe = probe
        self._clock = clock
        self._listeners: list[Listener] = []
        self._last_error: BaseException | None = None
        self._down_since = 0.0
        self._suspect = anyio.Event()
        self._changed = anyio.Event()

    def listen(self, listener: Listener) -> None:
        """Call `listener` (synchronously, never blocking) at each start and end."""
        self._listeners.append(listener)

    def report(self, error: BaseException) -> None:
        """A transient database error was met: check whether the database is down."""
        self._last_error = error
        self._suspect.set()

    async def retry(self, operation: Callable[[], Awaitable[T]], *, who: str) -> T:
        """`await operation()`, waiting out transient database errors for as long as
        they last (no cap on attempts or time); other errors are raised."""
        failed = 0

        def on_retry(attempt: int, error: BaseException) -> None:
            nonlocal failed
            failed = attempt
            self._count(error, attempt, who)

        result = await self.policy.call(
            operation, retry_if=is_transient_database_error, on_retry=on_retry
        )
        if failed:
            logger.bind(actor=who).info("database reachable again after {} attempts", failed + 1)
        return result

    def is_transient(self, error: BaseException) -> bool:
        return is_transient_database_error(error)

    async def wait_out(self, error: BaseException, attempt: int, *, who: str) -> None:
        """For a loop that retries by itself: count and report `error` (a transient one),
        then wait the policy's delay after failed attempt number `attempt`."""
        self._count(error, attempt, who)
        await anyio.sleep(self.policy.delay(attempt))

    def _count(self, error: BaseException, attempt: int, who: str) -> None:
        self.retries[who] += 1
        self.report(error)
        self._signal()
        retry_log = logger.bind(actor=who)
        if attempt == 1:
            retry_log.warning(
                "database unreachable ({}); retrying, at least every {:g} s",
                describe_database_error(error),
                self.policy.maximum,
            )
        else:
            retry_log.debug("database still unreachable (attempt {})", attempt)

    async def wait_for_retries(self, who: str, count: int) -> None:
        """Return once `who` has failed at least `count` attempts (for tests, tooling)."""
        while self.retries[who] < count:
            await self._changed.wait()

    async def run(self) -> None:
        """Watch for outages until cancelled (see the module docstring). A run that starts
        during an outage (the previous one was cancelled) goes on probing for its end."""
        if self.is_down:
            await self._until_back()
        while True:
            await self._suspect.wait()
            self._suspect = anyio.Event()
            try:
                await self._probe()
            except Exception as error:  # noqa: BLE001 - whatever it is, the database is not answering
                await self._ride_out(self._last_error or error)

    async def _ride_out(self, revealed_by: BaseException) -> None:
        self._down_since = self._clock()
        cause = describe_database_error(revealed_by)
        logger.error("database down: {}", cause)
        self._change(DatabaseChange(down=True, cause=cause))
        await self._until_back()

    async def _until_back(self) -> None:
        await self.policy.call(self._probe, retry_if=lambda error: isinstance(error, Exception))
        lasted = self._clock() - self._down_since
        logger.success("database back after {:.1f} s", lasted)
        self._change(DatabaseChange(down=False, cause=self.cause, lasted=lasted))

    def _change(self, change: DatabaseChange) -> None:
        self.is_down, self.cause = change.down, change.cause
        for listener in self._listeners:
            listener(change)
        self._signal()

    def _signal(self) -> None:
        self._changed.set()
        self._changed = anyio.Event()
