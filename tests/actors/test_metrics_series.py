"""/metrics shows what the shop did (updates by kind, handler latency, Telegram requests
and errors, flood waits, orders by status, users, the pool, broadcasts) after a short
shopper journey; /health names Redis's state, the uptime and the version."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import anyio
import pytest

from config import Settings
from fake_telegram import FakeTelegram
from tests.bot.checkout.shop import (
    Answers,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_one_product,
)
from tests.fixtures.app import running_bot


async def http_get(port: int, path: str) -> tuple[int, bytes]:
    def fetch() -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    return await anyio.to_thread.run_sync(fetch)


def value_of(metrics: str, series: str) -> float:
    """The value of the one line that starts with ``series`` (name and labels)."""
    for line in metrics.splitlines():
        if line.startswith(series + " "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{series} not in /metrics")


async def test_metrics_show_the_new_series_with_values_after_a_shopper_journey(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(shop_settings(database), tg) as bot:
        assert bot.http_port is not None
        hana = tg.user(9001, lang="en", first_name="Hana", phone="+447700900999")
        await hana.send("/start")
        await put_in_cart(hana, await stock_one_product(stock=3))
        await check_out(hana, Answers(name="Hana", delivery="🏬 Pickup"))
        await hana.press("✅ Confirm")
        await hana.expect_message()
        await order_of(hana)
        tg.fail("messages.SendMessage", "FLOOD_WAIT_30", peer=9001)
        await hana.send("/start")
        tg.take_handler_errors()  # the flood wait failed that reply

        status, body = await http_get(bot.http_port, "/metrics")
    assert status == 200
    metrics = body.decode()
    assert value_of(metrics, 'shopbot_updates_handled_total{kind="message"}') >= 2
    assert value_of(metrics, 'shopbot_updates_handled_total{kind="callback_query"}') >= 2
    assert value_of(metrics, 'shopbot_handler_seconds_count{kind="message"}') >= 2
    assert value_of(metrics, 'shopbot_telegram_requests_total{method="messages.SendMessage"}') >= 2
    flood_errors = (
        'shopbot_telegram_errors_total{error="FLOOD_WAIT_X",method="messages.SendMessage"}'
    )
    assert value_of(metrics, flood_errors) == 1
    assert value_of(metrics, "shopbot_flood_waits_total") == 1
    assert value_of(metrics, "shopbot_flood_wait_seconds_total") == 30
    assert value_of(metrics, 'shopbot_orders{status="new"}') == 1
    assert value_of(metrics, 'shopbot_orders{status="paid"}') == 0
    assert value_of(metrics, "shopbot_users_total") >= 1
    assert value_of(metrics, 'shopbot_users_active{window="1d"}') >= 1
    assert value_of(metrics, "shopbot_db_pool_in_use") >= 0
    assert value_of(metrics, 'shopbot_broadcast_recipients{state="total"}') == 0
    assert value_of(metrics, "shopbot_uptime_seconds") > 0


@pytest.mark.postgres
async def test_health_names_redis_uptime_and_version(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(postgres_database, redis_host="127.0.0.1", redis_port=6379)
    async with running_bot(settings, fake_telegram) as bot:
        assert bot.http_port is not None
        status, body = await http_get(bot.http_port, "/health")
    report = json.loads(body)
    assert status == 200, report
    assert report["redis"] == "up"
    assert report["version"] == "0.1.0"
    assert report["uptime_seconds"] >= 0


async def test_health_says_redis_is_not_configured_without_it(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(sqlite_database), fake_telegram) as bot:
        assert bot.http_port is not None
        _status, body = await http_get(bot.http_port, "/health")
    assert json.loads(body)["redis"] == "not configured"


async def test_a_flood_wait_kurigram_sleeps_off_itself_is_counted_too(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    """Waits up to the client's sleep_threshold never reach the caller: Kurigram sleeps
    them off and only logs them (actors.metrics.telegram_meter.SessionFloodWaits)."""
    tg = fake_telegram
    async with running_bot(shop_settings(sqlite_database), tg) as bot:
        assert bot.http_port is not None
        hana = tg.user(9002, lang="en", first_name="Hana")
        tg.fail("messages.SendMessage", "FLOOD_WAIT_1", peer=9002)
        replies = await hana.send("/start", timeout=10)
        assert replies  # answered, a second late: the wait was slept off
        status, body = await http_get(bot.http_port, "/metrics")
    assert status == 200
    metrics = body.decode()
    assert value_of(metrics, "shopbot_flood_waits_total") == 1
    assert value_of(metrics, "shopbot_flood_wait_seconds_total") == 1
    tg.assert_no_handler_errors()
