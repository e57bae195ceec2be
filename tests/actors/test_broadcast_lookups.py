"""Broadcasts to users the bot's session never met: each send is addressed from the
stored access hash, so no `users.GetUsers` and no new entry in the session's peer store;
a user whose hash is not known yet is still reached (Kurigram's lookup, as before). The
hash comes from the user's first message."""

from __future__ import annotations

import pytest
from pyrogram import Client

from config import Settings
from fake_telegram import FakeTelegram
from fake_telegram.state import access_hash_for
from models.broadcasts import FINISHED
from models.users import get_access_hash
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    compose,
    received,
    recipients,
    wait_for_status,
)
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

TEXT = "New arrivals for everyone"


def peers_kept(client: Client) -> set[int]:
    """The user ids in the session's peer store (Kurigram's in-memory SQLite)."""
    rows = client.storage.conn.execute("SELECT id FROM peers")  # type: ignore[attr-defined]
    return {int(row[0]) for row in rows.fetchall()}


def capturing_factory(tg: FakeTelegram, clients: list[Client]) -> None:
    """Make `tg.client_factory()` hand each client the app builds to `clients` too."""
    factory = tg.client_factory

    def client_factory(**kwargs: object) -> object:
        build = factory(**kwargs)  # type: ignore[arg-type]

        def capture() -> Client:
            client = build()
            clients.append(client)
            return client

        return capture

    tg.client_factory = client_factory  # type: ignore[method-assign, assignment]


@pytest.mark.postgres
async def test_a_broadcast_to_users_never_met_sends_with_no_lookup(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    clients: list[Client] = []
    capturing_factory(tg, clients)
    people = recipients(40)
    unknown_hash = people[-1]
    async with running_bot(bot_settings(postgres_database, broadcast_rate=200), tg):
        for telegram_id in people[:-1]:
            await add_users(tg, [telegram_id], access_hash=access_hash_for(telegram_id))
        await add_users(tg, [unknown_hash])  # no hash stored: looked up as before
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        await admin.send("/start")
        lookups_before = tg.request_counts["users.GetUsers"]

        broadcast_id = await compose(admin, TEXT)
        await wait_for_status(broadcast_id, FINISHED, timeout=30)

        assert all(len(received(tg, u, TEXT)) == 1 for u in people)
        assert tg.request_counts["users.GetUsers"] - lookups_before == 1  # unknown_hash's
        [client] = clients
        assert peers_kept(client) & set(people) == {unknown_hash}


async def test_a_first_message_stores_the_senders_access_hash(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(database), tg):
        ann = tg.user(4242, lang="en", first_name="Ann")
        answers = await ann.send("/start")  # handled (answered) when it returns

        assert answers
        assert await get_access_hash(4242) == access_hash_for(4242)
