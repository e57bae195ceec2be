"""A route's filter, compiled once (bot/route_filters.py), answers as Kurigram's does."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from pyrogram import filters
from pyrogram.enums import ChatType
from pyrogram.filters import Filter
from pyrogram.types import Chat, Message, User

from bot.route_filters import compiled

BOT: Any = SimpleNamespace(me=SimpleNamespace(username="shopbot"))  # what filters read of a client


def message(text: str, chat_type: ChatType = ChatType.PRIVATE) -> Message:
    return Message(
        id=1,
        chat=Chat(id=42, type=chat_type),
        from_user=User(id=42, first_name="Ann"),
        text=text,  # type: ignore[arg-type]  # Kurigram's Str: a str with entities
    )


async def _never(_filter: object, _client: object, _update: object) -> bool:
    raise AssertionError("a short-circuited part was called")


never = filters.create(_never, "never")
calls: list[str] = []


async def _counted(_filter: object, _client: object, _update: object) -> bool:
    calls.append("counted")
    return True


counted = filters.create(_counted, "counted")

FILTERS = {
    "private & text": filters.private & filters.text,
    "private & not a command & (text | photo)": (
        filters.private & ~filters.regex(r"^/") & (filters.text | filters.photo)
    ),
    "a & b & c & d, nested": filters.private & filters.text & ~filters.photo & filters.incoming,
    "group | command": filters.group | filters.command("start"),
    "not (private & command)": ~(filters.private & filters.command("admin")),
}
MESSAGES = {
    "a private text": message("hello"),
    "a private command": message("/start"),
    "the admin command": message("/admin"),
    "a group text": message("hello", ChatType.SUPERGROUP),
}


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("update", MESSAGES)
async def test_a_compiled_filter_accepts_what_kurigrams_accepts(name: str, update: str) -> None:
    kurigram: Filter = FILTERS[name]
    check = compiled(kurigram)
    assert check is not kurigram  # every part is async: compiled
    expected = bool(await kurigram(BOT, MESSAGES[update]))
    assert bool(await check(BOT, MESSAGES[update])) is expected


async def test_and_stops_at_the_first_refusal_and_or_at_the_first_acceptance() -> None:
    calls.clear()
    assert not await compiled(filters.group & never)(BOT, message("hello"))
    assert await compiled(filters.private | never)(BOT, message("hello"))
    assert await compiled(counted & filters.private & counted)(BOT, message("hello"))
    assert calls == ["counted", "counted"]


def test_a_filter_with_a_synchronous_part_stays_kurigrams() -> None:
    def synchronous(_filter: object, _client: object, _update: object) -> bool:
        return True

    mixed: Any = filters.private & filters.create(synchronous, "synchronous")
    assert compiled(mixed) is mixed  # Kurigram runs its synchronous part in a thread
