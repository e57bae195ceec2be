"""`RetryPolicy`: how long to wait between attempts to reach a server that is down.

One policy serves every outage the process rides out (the database, Redis): waits grow
exponentially from `initial` to `maximum` seconds, with jitter so that actors failing
together do not retry in lockstep. There is no cap on the number of attempts nor on
the total time: an outage lasts as long as it lasts, and the process keeps trying at
least every `maximum` (+ jitter) seconds. The retry loop itself is tenacity's.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import anyio
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_never

T = TypeVar("T")

#: Called before each wait with (attempt number from 1, the error that failed it).
OnRetry = Callable[[int, BaseException], None]


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential, jittered waits from `initial` to `maximum` seconds; never gives up."""

    initial: float = 0.1
    maximum: float = 5.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not 0 < self.initial <= self.maximum:
            raise ValueError("RetryPolicy needs 0 < initial <= maximum")
        if not 0 <= self.jitter < 1:
            raise ValueError("RetryPolicy.jitter must be in [0, 1)")

    @classmethod
    def up_to(cls, maximum: float) -> RetryPolicy:
        """The default policy with waits capped at `maximum` seconds (RETRY_MAX_WAIT)."""
        return cls(initial=min(cls.initial, maximum), maximum=maximum)

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number `attempt` (1, 2, ...)."""
        exponent = min(max(attempt - 1, 0), 64)
        base = min(self.maximum, self.initial * 2.0**exponent)
        return max(0.0, base + self.rng.uniform(-base * self.jitter, base * self.jitter))

    async def call(
        self,
        operation: Callable[[], Awaitable[T]],
        *,
        retry_if: Callable[[BaseException], bool],
        on_retry: OnRetry | None = None,
    ) -> T:
        """`await operation()` until it succeeds; an error `retry_if` accepts is waited out
        and tried again (for ever), any other error is raised at once."""

        def before_sleep(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome is not None else None
            if on_retry is not None and error is not None:
                on_retry(state.attempt_number, error)

        retrying = AsyncRetrying(
            sleep=anyio.sleep,
            stop=stop_never,
            wait=lambda state: self.delay(state.attempt_number),
            retry=retry_if_exception(retry_if),
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(operation)
