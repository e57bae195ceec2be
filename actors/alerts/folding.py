"""Which alerts go out now and which are folded into a summary: the fold state, per key.

One `AlertFolds` is made per process (in `actors.app.build_supervisor`) and handed to
the alert dispatcher, so the state outlives the dispatcher's restarts. It is mirrored in
the cache (Redis when configured), so a process restarted in a crash loop does not
alert again either. The memory copy decides; the cache is read only for a key this
process has not seen yet, and a cache that fails or hangs is skipped (logged once per
outage): folding goes on in memory.

The bound, per alert key: the first alert goes out at once and opens a window of
``window`` seconds; repeats inside it are held and counted; when the window ends with
repeats held, one summary goes out ("N more like this") and opens the next window. So
at most one message per key per window, plus one summary when the dispatcher stops
with repeats held (`take_all`). Times are wall-clock (`time.time`), the same in every
process.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import anyio
from loguru import logger

from actors.messages import Alert
from actors.names import ALERT_DISPATCHER
from runtime.cache import Cache

#: Seconds a cache read or write may take before folding goes on without it.
CACHE_TIMEOUT = 1.0


@dataclass
class _Fold:
    opened_at: float  # when the message that opened the window went out
    held: int = 0  # alerts of the key held back since, not yet reported
    latest: Alert | None = None  # the last one held (memory only)


@dataclass(frozen=True)
class Summary:
    """Alerts of one key held back: how many, and the latest of them."""

    key: str
    count: int
    latest: Alert
    seconds: float  # how long they were held


class AlertFolds:
    """The fold state of every alert key (see the module docstring)."""

    def __init__(
        self,
        window: float = 60.0,
        cache: Cache | None = None,
        *,
        clock: Callable[[], float] = time.time,
        prefix: str = "alert_fold:",
    ) -> None:
        if window <= 0:
            raise ValueError("the fold window must be positive")
        self.window = window
        self._cache = cache
        self._clock = clock
        self._prefix = prefix
        self._folds: dict[str, _Fold] = {}
        self._cache_failing = False

    async def admit(self, key: str, alert: Alert) -> int | None:
        """None when ``alert`` is a repeat to hold back (counted); else it goes out now,
        and the number is how many alerts of its key were held before and never
        summarised (a process that died holding them)."""
        now = self._clock()
        fold = self._folds.get(key)
        if fold is None:
            fold = await self._load(key)
        if fold is not None and now - fold.opened_at < self.window:
            fold.held += 1
            fold.latest = alert
            self._folds[key] = fold
            await self._save(key, fold)
            return None
        earlier = fold.held if fold is not None else 0
        fold = self._folds[key] = _Fold(opened_at=now)
        await self._save(key, fold)
        return earlier

    async def take_due(self) -> list[Summary]:
        """Summaries of the windows that ended with alerts held; each opens a new
        window. Windows that ended with none held are forgotten."""
        now = self._clock()
        ended = [key for key, fold in self._folds.items() if now - fold.opened_at >= self.window]
        summaries = []
        for key in ended:
            if self._folds[key].held:
                summaries.append(await self._summarise(key, now))
            else:
                del self._folds[key]
        return summaries

    async def take_all(self) -> list[Summary]:
        """Summaries of every key with alerts held, window ended or not (at a stop)."""
        now = self._clock()
        held = [key for key, fold in self._folds.items() if fold.held]
        return [await self._summarise(key, now) for key in held]

    async def _summarise(self, key: str, now: float) -> Summary:
        fold = self._folds[key]
        latest = fold.latest if fold.latest is not None else Alert(ALERT_DISPATCHER, key, key=key)
        summary = Summary(key, fold.held, latest, now - fold.opened_at)
        self._folds[key] = _Fold(opened_at=now)
        await self._save(key, self._folds[key])
        return summary

    # -- the cache mirror --------------------------------------------------------------

    async def _load(self, key: str) -> _Fold | None:
        if self._cache is None:
            return None
        raw: str | None = None
        with anyio.move_on_after(CACHE_TIMEOUT) as timer:
            try:
                raw = await self._cache.get(self._prefix + key)
            except Exception as error:  # noqa: BLE001 - any cache failure: memory decides
                self._cache_failed(error)
                return None
        if timer.cancelled_caught:
            self._cache_failed(TimeoutError(f"no answer within {CACHE_TIMEOUT:g} s"))
            return None
        self._cache_answered()
        if raw is None:
            return None
        try:
            stored = json.loads(raw)
            return _Fold(opened_at=float(stored["opened_at"]), held=int(stored["held"]))
        except (ValueError, KeyError, TypeError) as error:
            logger.bind(actor=ALERT_DISPATCHER).warning("bad alert fold in the cache: {}", error)
            return None

    async def _save(self, key: str, fold: _Fold) -> None:
        if self._cache is None:
            return
        value = json.dumps({"opened_at": fold.opened_at, "held": fold.held})
        with anyio.move_on_after(CACHE_TIMEOUT) as timer:
            try:
                # Kept two windows: a held count outlives its window for the next
                # process's first message of the key.
                await self._cache.set(self._prefix + key, value, ttl=2 * self.window)
            except Exception as error:  # noqa: BLE001 - any cache failure: memory decides
                self._cache_failed(error)
                return
        if timer.cancelled_caught:
            self._cache_failed(TimeoutError(f"no answer within {CACHE_TIMEOUT:g} s"))
        else:
            self._cache_answered()

    def _cache_failed(self, error: BaseException) -> None:
        if not self._cache_failing:
            logger.bind(actor=ALERT_DISPATCHER).warning(
                "alert folding goes on in memory: the cache failed ({})", type(error).__name__
            )
        self._cache_failing = True

    def _cache_answered(self) -> None:
        if self._cache_failing:
            logger.bind(actor=ALERT_DISPATCHER).info("alert folding: the cache answers again")
        self._cache_failing = False
