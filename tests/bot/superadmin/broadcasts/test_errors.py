"""What Telegram answers, and what the broadcast makes of it: permanent errors are failed
with their reason, transient ones retried, a refused message fails the broadcast with
an alert; shoppers' replies never queue behind a broadcast."""

from __future__ import annotations

import anyio
import pytest

from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import FAILED, FINISHED, BroadcastDelivery
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    compose,
    progress_of,
    received,
    recipients,
    wait_for_status,
    wait_until,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = pytest.mark.postgres

TEXT = "Autumn collection"


async def delivery_errors(broadcast_id: int) -> dict[int, tuple[str, str | None]]:
    rows = await (
        BroadcastDelivery.select(
            BroadcastDelivery.user.telegram_id.as_alias("t"),
            BroadcastDelivery.status,
            BroadcastDelivery.error,
        )
        .where(BroadcastDelivery.broadcast == broadcast_id)
        .run()
    )
    return {row["t"]: (row["status"], row["error"]) for row in rows}


async def test_permanent_errors_fail_with_their_reason_transient_ones_are_retried(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(20)
    unknown, forbidden, flaky, twice = people[3], people[5], people[7], people[9]
    async with running_bot(bot_settings(postgres_database, broadcast_rate=30), tg):
        await add_users(tg, people)
        del tg.world.users[unknown]  # Telegram does not know this one: PEER_ID_INVALID
        tg.fail("messages.SendMessage", "CHAT_WRITE_FORBIDDEN", peer=forbidden)
        tg.fail("messages.SendMessage", "API_CALL_ERROR", peer=flaky, times=2)
        tg.fail("messages.SendMessage", "RANDOM_ID_DUPLICATE", peer=twice)  # it had it
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        done = await wait_for_status(broadcast_id, FINISHED, timeout=20)

    errors = await delivery_errors(broadcast_id)
    assert errors[unknown] == ("failed", "PEER_ID_INVALID")
    assert errors[forbidden] == ("failed", "CHAT_WRITE_FORBIDDEN")
    assert errors[flaky] == ("sent", None)
    assert len(received(tg, flaky, TEXT)) == 1
    assert len(tg.requests_named("messages.SendMessage", peer=flaky)) == 3
    assert errors[twice] == ("sent", None)
    assert (done.total, done.sent, done.blocked, done.failed) == (21, 19, 0, 2)


async def test_transient_errors_are_retried_a_bounded_number_of_times(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(3)
    async with running_bot(bot_settings(postgres_database), tg):
        await add_users(tg, people)
        tg.fail("messages.SendMessage", "API_CALL_ERROR", peer=people[1], times=None)
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        await wait_for_status(broadcast_id, FINISHED, timeout=20)
    errors = await delivery_errors(broadcast_id)
    assert errors[people[1]] == ("failed", "TIMEOUT")  # 500s, as Kurigram reports them
    assert len(tg.requests_named("messages.SendMessage", peer=people[1])) == 4  # 1 + 3 retries


async def test_a_message_telegram_refuses_fails_the_broadcast_and_alerts_the_superadmins(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(50)
    async with running_bot(bot_settings(postgres_database, broadcast_rate=10), tg):
        await add_users(tg, people)
        tg.fail("messages.SendMessage", "ENTITY_BOUNDS_INVALID", peer=people[2])
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        failed = await wait_for_status(broadcast_id, FAILED, timeout=20)
        assert failed.error == "ENTITY_BOUNDS_INVALID"
        await wait_until(
            lambda: any("Broadcast #1 failed" in m.text for m in admin.messages), timeout=5
        )
        # The alert (the alert dispatcher) and the progress's last edit (the broadcast
        # sender) come from two actors, in either order.
        await wait_until(
            lambda: "— stopped by an error" in progress_of(admin, broadcast_id).text, timeout=5
        )
        assert "Reason: ENTITY_BOUNDS_INVALID" in progress_of(admin, broadcast_id).text
        assert failed.total - failed.sent - failed.failed > 30  # the rest were not sent


async def test_a_shoppers_reply_does_not_wait_behind_a_broadcast(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(200)
    async with running_bot(bot_settings(postgres_database, broadcast_rate=5), tg):
        await add_users(tg, people)
        tg.latency = 0.05
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        await wait_until(lambda: received(tg, people[3], TEXT), timeout=10)
        shopper = tg.user(555, lang="en", first_name="Sam")
        started = anyio.current_time()
        await shopper.send("/start")
        took = anyio.current_time() - started
        assert shopper.last_message.text.startswith("Hello, Sam!")
        assert took < 1.0  # a few round trips of 50 ms, not 200 recipients at 5/s
        broadcast = await wait_for_status(broadcast_id, "running", timeout=1)
        assert broadcast.sent < 150
