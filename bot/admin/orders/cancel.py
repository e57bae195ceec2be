"""Cancelling an order asks why first: a one-step conversation ("order.cancel") under
the card, with a button per common reason (`models.order_history.CANCEL_REASONS`) or a
typed reason (cleaned, up to `REASON_LENGTH`). The customer gets the reason in their
language (a typed one as typed); the order processor returns the stock. "Keep the
order" leaves without a change. A reason button works only while its question is the
admin's conversation (a question left or answered is stale)."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, Message

from bot.admin.conversation import DONE, Outcome, Step, begin, define
from bot.admin.orders.actions import REASON
from bot.admin.orders.keyboards import reason_keyboard
from bot.admin.orders.sending import card_data, send_move
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen
from models.conversations import Conversation, end_conversation, get_conversation
from models.order_history import CANCEL_REASONS, REASON_LENGTH, MoveNote
from models.order_statuses import CANCELLED
from models.text_cleaning import clean_text, has_letters_or_digits

KIND = "order.cancel"


async def ask(request: Request, conversation: Conversation, note: str) -> None:
    order_id = conversation.integer("order") or 0
    question = request.t("aord.cancel.ask", number=order_id)
    shown = f"{note}\n\n{question}" if note else question
    await send_screen(request, shown, reason_keyboard(request, order_id))


async def read(request: Request, conversation: Conversation, message: Message) -> Outcome:
    reason = clean_text(message.text or "", multiline=True)
    if not reason or len(reason) > REASON_LENGTH or not has_letters_or_digits(reason):
        return "aord.cancel.bad"
    await send_move(request, conversation, CANCELLED, MoveNote(reason_text=reason))
    return DONE


define(KIND, {"reason": Step(ask, read)})


async def ask_reason(request: Request, order_id: int, chat_id: int, message_id: int) -> None:
    await begin(request, KIND, "reason", **card_data(order_id, chat_id, message_id))


async def press_reason(request: Request, query: CallbackQuery, callback: Callback) -> None:
    order_id, code = callback.integer(0), callback.text(1)
    conversation = await get_conversation(request.user_id)
    asked = (
        conversation is not None
        and conversation.kind == KIND
        and conversation.integer("order") == order_id
    )
    if conversation is None or not asked or code not in CANCEL_REASONS:
        await query.answer(request.t("stale_button"))
        return
    await end_conversation(request.user_id)
    await send_move(request, conversation, CANCELLED, MoveNote(reason_code=code), say=False)
    await query.answer(request.t("admin_order.updating"))


def register(router: Router) -> None:
    router.on_callback(REASON, press_reason)
