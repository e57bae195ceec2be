"""Finding a customer: the section's button asks for a Telegram id, an @username or a
phone (a conversation, so Cancel and `/admin` leave it); one match opens the customer,
several are listed, none asks again."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, Message

from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.admin.customers import actions as a
from bot.admin.customers.customer import send_customer
from bot.admin.customers.keyboards import results_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen
from models.conversations import Conversation
from models.customers import find_customers, read_query

FIND = "customer.find"


async def ask_query(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(request, conversation, "cust.find.ask", note)


async def read_search(request: Request, _c: Conversation, message: Message) -> Outcome:
    query = read_query(message.text or "")
    if query is None:
        return "cust.find.bad"
    users = await find_customers(query)
    if not users:
        return "cust.find.none"
    if len(users) == 1:
        await send_customer(request, int(users[0].telegram_id))
    else:
        text = request.t("cust.find.several", count=len(users))
        await send_screen(request, text, results_keyboard(request, users))
    return DONE


define(FIND, {"query": Step(ask_query, read_search)})


async def start_search(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    await begin(request, FIND, "query")


def register(router: Router) -> None:
    router.on_callback(a.CUSTOMERS, start_search)
