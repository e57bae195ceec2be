"""The replay echo (bench/replay_echo.py) makes the requests it was recorded from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio
import pytest
from pyrogram.raw.functions.updates.get_state import GetState
from pyrogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bench.replay_echo import Reply, Script, replay_bot, reply_of
from bot.screens import Markup
from fake_telegram import FakeTelegram
from fake_telegram.telegram import RequestRecord
from tests.fake_telegram.helpers import running

ADMIN, SHOPPER = 900, 42


def inline(label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=label.lower())]])


def labels(markup: Markup | None) -> list[list[str]]:
    rows = getattr(markup, "inline_keyboard", None) or getattr(markup, "keyboard", None) or []
    return [[getattr(button, "text", button) for button in row] for row in rows]


def shape(script: Script) -> list[list[tuple[object, ...]]]:
    """What a replay must repeat of each reply (the markups compared by their labels)."""
    return [
        [(r.kind, r.text, type(r.markup), labels(r.markup), r.to_shopper, r.later) for r in replies]
        for replies in script.steps
    ]


#: A journey of four updates: a message answered with a keyboard; a press answered with
#: an edit, a toast and a reply keyboard; that keyboard's button (a message) answered
#: with the keyboard removed; a press answered, then a notice to the shopper and an
#: order card to an admin sent after the update was handled (as the shop's order
#: processor sends them).
JOURNEY = Script(
    (
        (Reply("send", "Pick a size", inline("M")),),
        (
            Reply("edit", "M it is", inline("Confirm")),
            Reply("answer", "Added to your cart"),
            Reply("send", "How should we deliver?", ReplyKeyboardMarkup([["Pickup"]])),
        ),
        (Reply("send", "Any comment?", ReplyKeyboardRemove()),),
        (
            Reply("answer", ""),
            Reply("send", "✅ Order #1 is placed!", later=True),
            Reply("send", "New order #1", inline("Accept"), False, ADMIN, later=True),
        ),
    )
)


async def test_a_replayed_journey_makes_the_requests_it_was_recorded_from(
    fake_telegram: FakeTelegram,
) -> None:
    admin = fake_telegram.user(ADMIN, lang="en")
    shopper = fake_telegram.user(SHOPPER, lang="en")
    steps: list[Callable[[], Awaitable[object]]] = [
        lambda: shopper.send("/start"),
        lambda: shopper.press("M"),
        lambda: shopper.press("Pickup"),
        lambda: shopper.press("Confirm"),
    ]
    recorded = []
    async with (
        anyio.create_task_group() as later,
        running(replay_bot(fake_telegram, JOURNEY, later)),
    ):
        for step in steps:
            before = fake_telegram.requests_seen
            await step()
            answered = fake_telegram.requests_seen - before
            if step is steps[-1]:
                with anyio.fail_after(5):
                    placed = await shopper.expect_message()
                    card = await admin.expect_message()
            made = fake_telegram.requests_seen - before
            recorded.append((tuple(fake_telegram.requests)[-made:], answered))

    assert placed.text == "✅ Order #1 is placed!"
    assert (card.text, card.buttons) == ("New order #1", [["Accept"]])
    assert shopper.last_message.text == "✅ Order #1 is placed!"
    replayed = Script.of(recorded, SHOPPER)
    assert shape(replayed) == shape(JOURNEY)
    assert replayed.requests == JOURNEY.requests == 8


def test_a_request_the_replay_cannot_repeat_stops_the_recording() -> None:
    record = RequestRecord(0.0, "updates.GetState", None, GetState())
    with pytest.raises(ValueError, match=r"updates\.GetState"):
        reply_of(record, SHOPPER)
