"""Broadcasts end to end: the real app (main.serve), real Kurigram, the fake Telegram with
latency, a real database."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import FINISHED, get_broadcast
from models.users import User
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    broadcast_sends,
    compose,
    most_in_a_second,
    received,
    recipients,
    wait_for_status,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = pytest.mark.paced

TEXT = "Big sale this weekend!"


def paid_flags(tg: FakeTelegram) -> set[object]:
    return {
        getattr(r.raw, "allow_paid_floodskip", None)
        for r in tg.requests_named("messages.SendMessage")
        if getattr(r.raw, "message", None) == TEXT and r.peer != SUPERADMIN
    }


@pytest.mark.postgres
async def test_500_recipients_at_50_a_second_each_reachable_one_once_never_over_50_in_a_second(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database, broadcast_rate=50, broadcast_paid=True)
    people = recipients(500)
    blocked, deactivated = people[100:115], people[300:305]
    async with running_bot(settings, tg):
        await add_users(tg, people)
        for user_id in blocked:
            tg.block(user_id)
        for user_id in deactivated:
            tg.deactivate(user_id)
        tg.latency = 0.1
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)

        done = await wait_for_status(broadcast_id, FINISHED, timeout=40)

        unreachable = set(blocked) | set(deactivated)
        reachable = [u for u in people if u not in unreachable] + [SUPERADMIN]
        assert all(len(received(tg, u, TEXT)) == 1 for u in reachable if u != SUPERADMIN)
        assert len(received(tg, SUPERADMIN, TEXT)) == 2  # the preview and the broadcast
        assert not any(received(tg, u, TEXT) for u in unreachable)
        assert tg.max_in_window() <= 50
        times = broadcast_sends(tg, TEXT)[1:]  # after the preview
        achieved = (len(times) - 1) / (times[-1] - times[0])
        assert 45 <= achieved <= 50.5
        assert paid_flags(tg) == {True}  # BROADCAST_PAID: allow_paid_broadcast
        assert (done.total, done.sent, done.blocked, done.failed) == (501, 481, 20, 0)
        marked = await User.select(User.telegram_id).where(User.bot_blocked_at.is_not_null())
        assert sorted(row["telegram_id"] for row in marked) == sorted(unreachable)

        await admin.send("/superadmin")
        await admin.press("📣 Broadcast")
        await admin.press("📜 History")
        history = admin.last_message.text
        assert f"#{broadcast_id} · finished · Owner" in history
        assert "Total 501: sent 481, blocked 20, failed 0, pending 0" in history
        assert "Took " in history
        final = await get_broadcast(broadcast_id)
        assert final is not None and final.finished_at is not None


async def test_a_broadcast_on_sqlite_the_embedded_default(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(40)
    async with running_bot(bot_settings(sqlite_database, broadcast_rate=30), tg):
        await add_users(tg, people)
        tg.block(people[7])
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)
        done = await wait_for_status(broadcast_id, FINISHED, timeout=20)
    assert (done.total, done.sent, done.blocked, done.failed) == (41, 40, 1, 0)
    assert all(len(received(tg, u, TEXT)) == 1 for u in people if u != people[7])
    assert paid_flags(tg) == {None}
    assert most_in_a_second(broadcast_sends(tg, TEXT)[1:]) <= 30  # after the preview
