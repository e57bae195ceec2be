"""An incident is one message: repeats of an alert key inside the fold window are held
back and counted, and one summary per window reports them.

The fold state outlives the alert dispatcher's runs (one `AlertFolds` per process) and,
through the cache (Redis when configured), the process itself; a cache that fails is
skipped, the memory copy decides.
"""

from __future__ import annotations

import socket

import pytest
from redis.asyncio import Redis

from actors.alerts.dispatcher import format_alert, format_summary
from actors.alerts.folding import AlertFolds
from actors.messages import Alert, Severity
from runtime.cache import RedisCache

KEY = "crash:order_processor"


class ManualClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def crash(n: int) -> Alert:
    return Alert("supervisor", f"Actor order_processor crashed ({n})", key=KEY)


async def test_repeats_inside_the_window_are_held_and_summarised_once_when_it_ends() -> None:
    clock = ManualClock()
    folds = AlertFolds(window=60, clock=clock)

    assert await folds.admit(KEY, crash(1)) == 0
    clock.now += 1
    assert await folds.admit(KEY, crash(2)) is None
    assert await folds.admit(KEY, crash(3)) is None
    assert await folds.admit("crash:update_reader", crash(4)) == 0
    assert await folds.take_due() == []  # the window is still open

    clock.now += 60
    [summary] = await folds.take_due()
    assert (summary.key, summary.count, summary.latest) == (KEY, 2, crash(3))
    assert await folds.take_due() == []

    # The summary opened a new window: the storm goes on, still held back.
    clock.now += 1
    assert await folds.admit(KEY, crash(5)) is None
    clock.now += 60
    [summary] = await folds.take_due()
    assert summary.count == 1
    # A window with no repeats just closes: the next alert goes out at once.
    clock.now += 61
    assert await folds.take_due() == []
    assert await folds.admit(KEY, crash(6)) == 0


async def test_take_all_summarises_what_is_held_even_before_the_window_ends() -> None:
    clock = ManualClock()
    folds = AlertFolds(window=60, clock=clock)
    await folds.admit(KEY, crash(1))
    for n in range(2, 12):
        await folds.admit(KEY, crash(n))

    [summary] = await folds.take_all()
    assert summary.count == 10
    assert await folds.take_all() == []
    assert await folds.admit(KEY, crash(12)) is None  # still inside the (new) window


async def test_a_new_process_on_the_same_redis_keeps_folding(redis_cache: RedisCache) -> None:
    clock = ManualClock()
    first = AlertFolds(window=60, cache=redis_cache, clock=clock)
    assert await first.admit(KEY, crash(1)) == 0
    for n in range(2, 7):
        assert await first.admit(KEY, crash(n)) is None
    # The first process dies (kill -9: no summary); a new one starts 5 s later.
    clock.now += 5
    second = AlertFolds(window=60, cache=redis_cache, clock=clock)

    assert await second.admit(KEY, crash(7)) is None
    clock.now += 60
    [summary] = await second.take_due()
    assert summary.count == 6  # five the first process held, one the second did


async def test_after_a_graceful_stop_the_next_process_does_not_alert_again(
    redis_cache: RedisCache,
) -> None:
    clock = ManualClock()
    first = AlertFolds(window=60, cache=redis_cache, clock=clock)
    await first.admit(KEY, crash(1))
    await first.admit(KEY, crash(2))
    assert [s.count for s in await first.take_all()] == [1]

    second = AlertFolds(window=60, cache=redis_cache, clock=clock)
    assert await second.admit(KEY, crash(3)) is None


async def test_an_alert_held_by_a_process_that_died_is_counted_in_the_next_message(
    redis_cache: RedisCache,
) -> None:
    clock = ManualClock()
    first = AlertFolds(window=60, cache=redis_cache, clock=clock)
    await first.admit(KEY, crash(1))
    await first.admit(KEY, crash(2))
    clock.now += 90  # the window ended while no process was there to summarise it
    second = AlertFolds(window=60, cache=redis_cache, clock=clock)
    assert await second.admit(KEY, crash(3)) == 1


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_with_the_cache_unreachable_folding_goes_on_in_memory() -> None:
    client = Redis(host="127.0.0.1", port=closed_port(), socket_connect_timeout=0.5)
    try:
        folds = AlertFolds(window=60, cache=RedisCache(client, "fold_test:"), clock=ManualClock())
        assert await folds.admit(KEY, crash(1)) == 0
        assert await folds.admit(KEY, crash(2)) is None
        assert [s.count for s in await folds.take_all()] == [1]
    finally:
        await client.aclose()


def test_windows_must_be_positive() -> None:
    with pytest.raises(ValueError):
        AlertFolds(window=0)


def test_an_alert_message_names_severity_source_text_details_time_and_folded_repeats() -> None:
    alert = Alert(
        "supervisor",
        "order_processor crashed",
        Severity.CRITICAL,
        details={"error": "ValueError('x')"},
        raised_at=1_796_495_400.0,  # 2026-12-05 18:30:00 UTC
    )
    assert format_alert(alert, folded=3).splitlines() == [
        "🚨 CRITICAL · supervisor",
        "order_processor crashed",
        "error: ValueError('x')",
        "time: 2026-12-05 18:30:00 UTC",
        "(+3 similar in the last minutes)",
    ]


def test_a_summary_says_how_many_more_in_how_many_minutes_and_shows_the_latest() -> None:
    alert = Alert(
        "supervisor", "order_processor crashed", Severity.CRITICAL, key=KEY, raised_at=1_796_495_400
    )
    assert format_summary(alert, count=41, seconds=60).splitlines() == [
        "🚨 CRITICAL · supervisor",
        "41 more like this in the last 1 min (60 s, crash:order_processor); the latest:",
        "order_processor crashed",
        "time: 2026-12-05 18:30:00 UTC",
    ]
