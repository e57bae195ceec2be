"""Every edit of a message goes through `bot.screens.edit_message` (one raw `EditMessage`),
which takes Telegram's MESSAGE_NOT_MODIFIED (an edit that changes nothing) as success."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyrogram.enums import ParseMode
from pyrogram.errors import MessageIdInvalid
from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.screens import edit_message, send_text
from fake_telegram import FakeTelegram
from tests.fake_telegram.helpers import running

ROOT = Path(__file__).resolve().parents[2]
EDIT_CALLS = re.compile(
    r"(\.(edit_message_text|edit_text|edit_message_reply_markup|edit_reply_markup"
    r"|edit_message_caption|edit_caption|edit_message_media|edit_media)|\bEditMessage)\("
)


def test_messages_are_edited_only_through_the_one_edit_helper() -> None:
    calls = [
        (str(path.relative_to(ROOT)), line.strip())
        for folder in ("bot", "actors")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line in path.read_text().splitlines()
        if EDIT_CALLS.search(line)
    ]
    assert calls == [("bot/screens.py", "request = EditMessage(id=message_id, **fields)")]


async def test_a_raw_send_and_edit_show_the_text_and_an_edit_that_changes_nothing_is_no_error(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42)
    buy = InlineKeyboardMarkup([[InlineKeyboardButton("Купить", callback_data="buy:1")]])
    async with running(fake_telegram.make_client()) as client:
        sent = await send_text(client, 42, "Корзина: 1 товар", reply_markup=buy)
        assert sent == alice.last_message.id
        assert alice.last_message.buttons == [["Купить"]]
        cached = await client.message_cache.get((42, sent))  # what a press on it shows
        assert cached.text == "Корзина: 1 товар" and cached.reply_markup == buy

        assert not await edit_message(client, 42, sent, "Корзина: 1 товар", reply_markup=buy)
        assert await edit_message(client, 42, sent, "Корзина: <b>2</b> товара")
        assert alice.last_message.text == "Корзина: 2 товара"  # HTML by default, as Kurigram
        assert alice.last_message.buttons == []  # an edit without a keyboard removes it
        cached = await client.message_cache.get((42, sent))
        assert cached.text == "Корзина: 2 товара" and cached.reply_markup is None
        assert await edit_message(
            client, 42, sent, "<b>как есть</b>", parse_mode=ParseMode.DISABLED, reply_markup=buy
        )
        assert alice.last_message.text == "<b>как есть</b>"
        assert alice.last_message.buttons == [["Купить"]]
        with pytest.raises(MessageIdInvalid):
            await edit_message(client, 42, sent + 100, "нет такого")
