"""A database outage in the middle of a broadcast is waited out: the broadcast goes on
when the database is back, each recipient gets it once, and it is neither failed nor
counted as interrupted (the outage has its own alert)."""

from __future__ import annotations

import anyio
import pytest

from actors.names import BROADCAST_SENDER
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
from tests.fixtures.database import PG_HOST, PG_PORT
from tests.fixtures.tcp_proxy import tcp_proxy

pytestmark = pytest.mark.postgres

TEXT = "Winter sale"
#: More failed attempts than the broadcast's own retries (3) would have allowed.
ATTEMPTS = 12


async def test_a_broadcast_goes_on_after_a_database_outage_and_reaches_everyone_once(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    people = recipients(60)
    async with tcp_proxy(PG_HOST, PG_PORT) as proxy:
        behind_proxy = postgres_database.model_copy(update={"postgres_port": proxy.port})
        settings = bot_settings(behind_proxy, broadcast_rate=30, retry_max_wait=0.05)
        async with running_bot(settings, tg) as bot:
            await add_users(tg, people)
            admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
            broadcast_id = await compose(admin, TEXT)
            await tg.wait_for_chat(
                tg.bot_id,
                people[15],
                lambda: received(tg, people[15], TEXT) or None,
                what="the broadcast reaching the 16th recipient",
            )
            proxy.cut()
            assert bot.database is not None
            with anyio.fail_after(30):
                await bot.database.wait_for_retries(BROADCAST_SENDER, ATTEMPTS)
            proxy.restore()
            done = await wait_for_status(broadcast_id, FINISHED, timeout=30)
            assert not bot.supervisor.stats.gave_up
            assert sum(bot.supervisor.stats.crashes.values()) == 0

    assert (done.total, done.sent, done.failed) == (61, 61, 0)
    assert [len(received(tg, person, TEXT)) for person in people] == [1] * len(people)
    alerts = [m.text for m in tg.user(SUPERADMIN).messages]
    assert not [text for text in alerts if "interrupted" in text or "failed after" in text]
    assert len([text for text in alerts if "Database down" in text]) == 1
