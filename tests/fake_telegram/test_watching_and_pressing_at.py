"""`FakeTelegram.watch_chats` (every change of a chat, coalesced) and
`SimulatedUser.press_at` (a button by its message and position, as on a screen)."""

from __future__ import annotations

import anyio
import pytest
from pyrogram import Client
from pyrogram.types import KeyboardButton, ReplyKeyboardMarkup

from fake_telegram import FakeTelegram, KeyboardGone, MessageGone
from tests.fake_telegram.helpers import running
from tests.fake_telegram.test_driver import shop_bot


async def test_a_watcher_hears_of_her_message_the_reply_and_the_edit(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42, first_name="Alice")
    bot_id = fake_telegram.bot_id
    heard: list[set[tuple[int, int]]] = []
    edited = anyio.Event()

    async def watch() -> None:
        async for changed in fake_telegram.watch_chats():
            heard.append(changed)
            if alice.messages and alice.messages[0].edited:
                edited.set()

    async with running(shop_bot(fake_telegram, [])), anyio.create_task_group() as tasks:
        tasks.start_soon(watch)
        await alice.send("/start")
        button, query = await alice.press_at(alice.last_message.id, 0, 0)
        assert button.label == "Каталог"
        assert query is not None and query.answered and query.answer_text == "Открываю"
        with anyio.fail_after(5):
            await edited.wait()
        tasks.cancel_scope.cancel()
    assert heard and all(changed == {(bot_id, 42)} for changed in heard)


async def test_pressing_at_a_gone_message_a_missing_button_or_an_old_keyboard_is_refused(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42)
    client: Client = shop_bot(fake_telegram, [])
    async with running(client):
        await alice.send("/start")
        message = alice.last_message
        with pytest.raises(LookupError, match="no button"):
            await alice.press_at(message.id, 1, 0)
        with pytest.raises(LookupError, match="no message 999"):
            await alice.press_at(999, 0, 0)
        await client.send_message(42, "keys", reply_markup=_keyboard("A"))
        old = alice.last_message
        await client.send_message(42, "more keys", reply_markup=_keyboard("B"))
        with pytest.raises(KeyboardGone):
            await alice.press_at(old.id, 0, 0)
        await client.delete_messages(42, [message.id])
        with pytest.raises(MessageGone):
            await alice.press_at(message.id, 0, 0)
    assert len(fake_telegram.world.callback_queries) == 0


def _keyboard(label: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup([[KeyboardButton(label)]])


async def test_a_watch_until_the_bot_leaves_ends_when_its_client_stops(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42)
    heard: list[set[tuple[int, int]]] = []
    ended = anyio.Event()

    async def watch() -> None:
        async for changed in fake_telegram.watch_chats(until_bot_leaves=fake_telegram.bot_id):
            heard.append(changed)
        ended.set()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(watch)  # before the bot connects: it waits for it
        async with running(shop_bot(fake_telegram, [])):
            await alice.send("/start")
            assert not ended.is_set()
        with anyio.fail_after(5):
            await ended.wait()
    assert heard
