"""Pause, resume and cancel from the live progress message; only superadmins can."""

from __future__ import annotations

import anyio
import pytest

from actors.updates.reader import callback_secret
from bot.callbacks import CallbackCodec
from bot.superadmin.broadcasts.views import CANCEL, PAUSE
from bot.texts import text
from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import CANCELLED, PAUSED, RUNNING, get_broadcast
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    broadcast_sends,
    compose,
    progress_of,
    received,
    recipients,
    wait_for_status,
    wait_until,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = pytest.mark.postgres

TEXT = "Members' evening on Friday"


async def test_pause_resume_cancel_from_the_progress_message(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(300)
    async with running_bot(bot_settings(postgres_database, broadcast_rate=10), tg):
        await add_users(tg, people)
        tg.latency = 0.05
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        await wait_until(lambda: len(broadcast_sends(tg, TEXT)) > 20, timeout=10)
        progress = progress_of(admin, broadcast_id)
        await wait_until(lambda: "— running" in progress.text, timeout=5)
        assert progress.buttons == [["⏸ Pause"], ["✖️ Cancel broadcast"]]

        await admin.press("⏸ Pause", message=progress)
        paused = await wait_for_status(broadcast_id, PAUSED, timeout=5)
        at_pause = len(broadcast_sends(tg, TEXT))
        await anyio.sleep(1.5)
        assert len(broadcast_sends(tg, TEXT)) == at_pause
        assert "— paused" in progress.text and progress.buttons[0] == ["▶️ Resume"]
        assert paused.sent + paused.blocked + paused.failed == at_pause - 1  # minus the preview

        await admin.press("▶️ Resume", message=progress)
        await wait_for_status(broadcast_id, RUNNING, timeout=5)
        await wait_until(lambda: len(broadcast_sends(tg, TEXT)) > at_pause + 10, timeout=10)

        await admin.press("✖️ Cancel broadcast", message=progress)
        cancelled = await wait_for_status(broadcast_id, CANCELLED, timeout=5)
        at_cancel = len(broadcast_sends(tg, TEXT))
        await anyio.sleep(1.0)
        assert len(broadcast_sends(tg, TEXT)) == at_cancel
        assert "— cancelled" in progress.text and progress.buttons == []
        assert cancelled.finished_at is not None
        assert cancelled.sent == at_cancel - 1
        assert all(len(received(tg, u, TEXT)) <= 1 for u in people)
        assert cancelled.total - cancelled.sent > 200  # the rest were never sent

        await admin.send("/superadmin")
        await admin.press("📣 Broadcast")
        await admin.press("📜 History")
        assert f"#{broadcast_id} · cancelled · Owner" in admin.last_message.text


async def test_a_non_superadmin_cannot_open_the_panel_nor_control_a_broadcast(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database, broadcast_rate=5)
    people = recipients(60)
    async with running_bot(settings, tg):
        await add_users(tg, people)
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        shopper = tg.user(people[0], lang="en")

        await shopper.send("/superadmin")
        refused = text("not_allowed", "ru")  # the shopper's language in the shop
        assert shopper.last_message.text == refused

        codec = CallbackCodec(callback_secret(settings))  # what a tampered client can send
        await wait_until(lambda: received(tg, shopper.id, TEXT), timeout=10)
        for action in (PAUSE, CANCEL):
            forged = codec.encode(shopper.id, action, broadcast_id).encode()
            await shopper.press_forged(forged)
            answer = shopper.last_answer
            assert answer is not None and answer.answer_text == refused
        # The author's own button data, replayed by someone else, is stale for them.
        await shopper.press_forged(codec.encode(SUPERADMIN, CANCEL, broadcast_id).encode())
        broadcast = await get_broadcast(broadcast_id)
        assert broadcast is not None and broadcast.status == RUNNING
