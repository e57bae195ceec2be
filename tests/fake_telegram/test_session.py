"""The seam: a real Kurigram client starts, invokes and stops against the fake."""

from __future__ import annotations

import pytest
from pyrogram import Client
from pyrogram.raw.functions.messages.get_dialog_filters import GetDialogFilters

from fake_telegram import FakeTelegram
from fake_telegram.client import session_string
from tests.fake_telegram.helpers import present, running


async def test_start_and_stop_without_network(fake_telegram: FakeTelegram) -> None:
    client = fake_telegram.make_client(username="shop_test_bot")
    async with running(client):
        assert client.me is not None
        assert client.me.id == fake_telegram.bot_id
        assert client.me.is_bot
        assert client.me.username == "shop_test_bot"
        assert len(fake_telegram.live_sessions()) == 1
    assert fake_telegram.live_sessions() == []
    names = [r.name for r in fake_telegram.requests]
    assert names == ["help.GetConfig", "updates.GetState", "users.GetFullUser"]


async def test_client_factory_builds_clients_in_the_running_loop(
    fake_telegram: FakeTelegram,
) -> None:
    factory = fake_telegram.client_factory(name="shop")
    first, second = factory(), factory()
    assert isinstance(first, Client)
    assert first is not second
    async with running(first), running(second):
        assert len(fake_telegram.live_clients()) == 2


def test_make_client_outside_the_loop_is_refused() -> None:
    with FakeTelegram() as tg, pytest.raises(RuntimeError, match="running event loop"):
        tg.make_client()


def test_session_string_round_trips_through_kurigram_storage() -> None:
    text = session_string(bot_id=123)
    assert "=" not in text
    assert len(text) > 300


async def test_unknown_function_is_a_visible_gap(fake_telegram: FakeTelegram) -> None:
    async with running(fake_telegram.make_client()) as client:
        with pytest.raises(NotImplementedError, match=r"messages\.GetDialogFilters"):
            await client.invoke(GetDialogFilters())


async def test_bot_commands_are_kept(fake_telegram: FakeTelegram) -> None:
    from pyrogram.types import BotCommand

    async with running(fake_telegram.make_client()) as client:
        assert await client.set_bot_commands([BotCommand("start", "Начать")])
        commands = await client.get_bot_commands()
        assert [(c.command, c.description) for c in commands] == [("start", "Начать")]
        me = present(await client.get_users("me"))
        assert me.id == fake_telegram.bot_id


async def test_get_users_resolves_known_users_only(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(42, first_name="Алиса", lang="ru", username="alice")
    async with running(fake_telegram.make_client()) as client:
        alice = present(await client.get_users(42))
        assert alice.first_name == "Алиса"
        assert alice.language_code == "ru"
        by_name = present(await client.get_users("alice"))
        assert by_name.id == 42
