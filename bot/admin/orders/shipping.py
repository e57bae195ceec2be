"""Shipping an order asks for its tracking number first: a one-step conversation
("order.ship") under the card; the number is typed (one line, up to
`TRACKING_LENGTH` letters, digits, spaces, `-`, `/`, `.`), or skipped. The customer
gets the number with the "shipped" notice."""

from __future__ import annotations

import re

from pyrogram.types import Message

from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.admin.orders.sending import card_data, send_move
from bot.context import Request
from models.conversations import Conversation
from models.order_history import TRACKING_LENGTH, MoveNote
from models.order_statuses import SHIPPED
from models.text_cleaning import clean_text

KIND = "order.ship"
TRACKING = re.compile(rf"[\w][\w\-/. ]{{0,{TRACKING_LENGTH - 1}}}")


def clean_tracking(raw: str) -> str | None:
    """The tracking number in `raw`, or None when it is not one."""
    tracking = clean_text(raw)
    return tracking if TRACKING.fullmatch(tracking) else None


async def ask(request: Request, conversation: Conversation, note: str) -> None:
    number = conversation.integer("order") or 0
    await ask_question(request, conversation, "aord.ship.ask", note, number=number)


async def read(request: Request, conversation: Conversation, message: Message) -> Outcome:
    tracking = clean_tracking(message.text or "")
    if tracking is None:
        return "aord.ship.bad"
    await send_move(request, conversation, SHIPPED, MoveNote(tracking=tracking))
    return DONE


async def skip(request: Request, conversation: Conversation) -> Outcome:
    await send_move(request, conversation, SHIPPED, MoveNote())
    return DONE


define(KIND, {"tracking": Step(ask, read, skip, skip_label="aord.ship.skip")})


async def ask_tracking(request: Request, order_id: int, chat_id: int, message_id: int) -> None:
    await begin(request, KIND, "tracking", **card_data(order_id, chat_id, message_id))
