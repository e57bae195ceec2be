"""FLOOD_WAIT_X pauses every broadcast send for X seconds, then sending resumes."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import FINISHED
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    broadcast_sends,
    compose,
    progress_of,
    received,
    recipients,
    wait_for_status,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = [pytest.mark.postgres, pytest.mark.paced]

TEXT = "New collection is in"
LATENCY = 0.1


async def test_flood_wait_5_in_the_middle_stops_every_send_for_5_s_then_all_are_delivered(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(200)
    flooded = people[80]
    async with running_bot(bot_settings(postgres_database, broadcast_rate=30), tg):
        await add_users(tg, people)
        tg.latency = LATENCY
        tg.fail("messages.SendMessage", "FLOOD_WAIT_5", peer=flooded)
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        broadcast_id = await compose(admin, TEXT)

        done = await wait_for_status(broadcast_id, FINISHED, timeout=40)

    flood = next(r.time for r in tg.requests_named("messages.SendMessage", peer=flooded))
    told = flood + LATENCY  # the earliest the bot can know
    sends = broadcast_sends(tg, TEXT)
    inside = [t - told for t in sends if told + 0.05 <= t < told + 5.0]
    assert inside == []
    after = [t for t in sends if t >= told + 5.0]
    assert after and after[0] < told + 5.5  # and then it goes on at once
    assert all(len(received(tg, u, TEXT)) == 1 for u in people)
    assert (done.sent, done.blocked, done.failed) == (201, 0, 0)
    edits = [v.text for v in progress_of(admin, broadcast_id).edits]
    assert any("waiting, as Telegram asked" in text for text in edits)
    assert tg.max_in_window() <= 30
