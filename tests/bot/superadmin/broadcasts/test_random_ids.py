"""A broadcast's `random_id`s are its own: another database (fresh, or restored from a
backup) numbers its broadcasts from 1 again, and its broadcast #1 to the same people is
still a new message for Telegram, not a repeat of the first database's #1."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import FINISHED
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    compose,
    received,
    recipients,
    wait_for_status,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

FIRST, SECOND = "Spring collection is here", "Summer collection is here"


@pytest.mark.postgres
async def test_broadcast_1_of_a_second_database_reaches_the_people_broadcast_1_of_the_first_did(
    postgres_database: Settings, sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(20)
    admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
    outcomes = []
    for database, text in ((postgres_database, FIRST), (sqlite_database, SECOND)):
        async with running_bot(bot_settings(database, broadcast_rate=100), tg):
            await add_users(tg, people)
            broadcast_id = await compose(admin, text)
            done = await wait_for_status(broadcast_id, FINISHED, timeout=30)
            outcomes.append((broadcast_id, done.sent, done.failed))

    assert outcomes == [(1, 21, 0), (1, 21, 0)]  # 20 people and the superadmin, each time
    for user_id in people:
        assert [len(received(tg, user_id, text)) for text in (FIRST, SECOND)] == [1, 1]
