"""Finding an order: a one-step conversation ("order.find") that takes an order number
("125", "#125") or a phone (at least 5 digits; the last 10 of a longer number, so +7
and 8 both match). A number that names an order opens its card; otherwise digits are
taken for a phone, and the newest orders whose phone has them are listed. Anything
else is asked again."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, Message

from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.admin.orders.actions import FIND
from bot.admin.orders.cards import send_card
from bot.admin.orders.keyboards import found_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen
from models.conversations import Conversation
from models.order_desk import find_by_phone, order_number, phone_digits
from models.text_cleaning import clean_text

KIND = "order.find"
QUERY_LENGTH = 40


async def ask(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(request, conversation, "aord.find.ask", note)


async def read(request: Request, _conversation: Conversation, message: Message) -> Outcome:
    query = clean_text(message.text or "")
    if not query or len(query) > QUERY_LENGTH:
        return "aord.find.bad"
    number = order_number(query)
    if number is not None and await send_card(request, number):
        return DONE
    digits = phone_digits(query)
    if digits is None:
        if number is None:
            return "aord.find.bad"
        await _nothing_found(request, query)
        return DONE
    found = await find_by_phone(digits)
    if not found:
        await _nothing_found(request, query)
        return DONE
    title = request.t("aord.find.found", query=query, count=len(found))
    await send_screen(request, title, found_keyboard(request, found))
    return DONE


async def _nothing_found(request: Request, query: str) -> None:
    await send_screen(
        request, request.t("aord.find.none", query=query), found_keyboard(request, [])
    )


define(KIND, {"query": Step(ask, read)})


async def start(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    await begin(request, KIND, "query")


def register(router: Router) -> None:
    router.on_callback(FIND, start)
