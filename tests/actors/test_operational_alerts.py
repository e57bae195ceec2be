"""Alerts raised without anyone asking, besides crashes and outages: a burst of ERROR
log lines, the log directory's disk nearly full, a FloodWait over a minute; and the
one call any code uses (`send_critical_alert`), which never blocks."""

from __future__ import annotations

from pathlib import Path

import anyio
from loguru import logger

from actors.alerts.error_burst import ErrorBurstWatch
from config import Settings
from fake_telegram import BotMessage, FakeTelegram
from runtime.alerts import Alert, AlertChannel
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

SHOPPER = 700_001


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_send_critical_alert_never_blocks_a_full_inbox_drops_and_counts() -> None:
    send, receive = anyio.create_memory_object_stream[Alert](1)
    with send, receive:
        alerts = AlertChannel(send)
        assert alerts.send_critical_alert("Payments provider down", {"provider": "x"})
        assert not alerts.send_critical_alert("Payments provider down", {"provider": "x"})
        assert alerts.dropped == 1
        alert = receive.receive_nowait()
    assert (alert.source, alert.text, dict(alert.details)) == (
        "app",
        "Payments provider down",
        {"provider": "x"},
    )
    assert alert.key == "app:Payments provider down"


def test_a_burst_of_error_lines_raises_one_alert_and_one_recovery() -> None:
    send, receive = anyio.create_memory_object_stream[Alert](100)
    clock = ManualClock()
    watch = ErrorBurstWatch(AlertChannel(send), limit=5, window=60, clock=clock)
    watch.install()
    try:
        for n in range(30):
            logger.error("payment webhook failed ({})", n)
            clock.now += 0.5
        logger.warning("not an error")
    finally:
        watch.remove()
    alert = receive.receive_nowait()
    assert "burst of errors" in alert.text and alert.key == "log:error_burst:on"
    watch.tick()
    clock.now += 61
    watch.tick()
    recovery = receive.receive_nowait()
    assert recovery.key == "log:error_burst:off"
    assert receive.statistics().current_buffer_used == 0
    send.close()
    receive.close()


def alert_with(tg: FakeTelegram, words: str) -> BotMessage | None:
    return next((m for m in tg.messages_in(SUPERADMIN) if words in m.text), None)


async def wait_for_alert(tg: FakeTelegram, words: str) -> BotMessage:
    def found() -> BotMessage | None:
        return alert_with(tg, words)

    with anyio.fail_after(10):
        return await tg.wait_for_chat(tg.bot_id, SUPERADMIN, found, what=words)


async def test_the_log_directory_disk_nearly_full_alerts_the_superadmins(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    # The threshold is set below what the disk uses now, so "nearly full" holds.
    settings = bot_settings(
        sqlite_database, log_file_path=tmp_path / "logs" / "bot.log", alert_disk_percent=0
    )
    async with running_bot(settings, fake_telegram):
        alert = await wait_for_alert(fake_telegram, "disk of the log directory is nearly full")
    assert "CRITICAL · metrics_collector" in alert.text and "threshold: 0%" in alert.text


async def test_a_disk_with_room_raises_nothing(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    settings = bot_settings(sqlite_database, alert_disk_percent=100)
    async with running_bot(settings, fake_telegram):
        shopper = fake_telegram.user(SHOPPER, lang="en")
        await shopper.send("/start")
    assert alert_with(fake_telegram, "disk") is None


async def test_a_flood_wait_over_a_minute_alerts_the_superadmins(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(sqlite_database), tg):
        shopper = tg.user(SHOPPER, lang="en")
        tg.fail("messages.SendMessage", "FLOOD_WAIT_120", peer=SHOPPER)
        await shopper.send("/start")
        alert = await wait_for_alert(tg, "wait 120 s (FloodWait)")
        assert "messages.SendMessage" in alert.text
        errors = tg.take_handler_errors()  # the reply itself could not be sent
        assert errors


async def test_in_the_running_bot_a_burst_of_error_lines_is_one_alert(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(sqlite_database, alert_error_burst=3)
    async with running_bot(settings, fake_telegram):
        for n in range(10):
            logger.bind(actor="test").error("the payment webhook failed ({})", n)
        alert = await wait_for_alert(fake_telegram, "A burst of errors")
        assert "latest: the payment webhook failed" in alert.text
    bursts = [m for m in fake_telegram.messages_in(SUPERADMIN) if "burst of errors" in m.text]
    assert len(bursts) == 1
