""" "✉ Message the customer": an admin types a text, the bot delivers it to the customer
as a message from the shop, and the customer's reply to that very message (Telegram's
reply_to_message) comes back to that admin, saying who replied.

The relay is stored (`models.relays`: the delivered message's id in the customer's
chat -> the admin), so a reply finds its admin after a restart. Starting a relay is an
admin route (`MESSAGE_CUSTOMER`, role checked on the server); the customer's reply is a
shopper's route that takes only replies to a relayed message: a reply to anything else
goes on to the usual handlers. A reply reaches its admin only while they are still an
admin; text (or a caption) is passed on, other media are not.
"""

from __future__ import annotations

from pyrogram import filters
from pyrogram.enums import ParseMode
from pyrogram.errors import InputUserDeactivated, PeerIdInvalid, UserIsBlocked
from pyrogram.types import CallbackQuery, Message

from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.admin.customers import actions as a
from bot.admin.customers.keyboards import back_to_customer, reply_keyboard
from bot.admin.customers.views import customer_label, full_name
from bot.callbacks import Callback
from bot.context import Request
from bot.language import Language
from bot.roles import Role, role_of
from bot.router import Router
from bot.text_limits import MESSAGE_LIMIT, cut
from bot.texts import text as text_in
from models.conversations import Conversation
from models.relays import RELAY_TEXT_MAX, create_relay, relay_admin_of
from models.text_cleaning import clean_text
from models.users import get_user, mark_bot_blocked

MESSAGE = "customer.message"


def _language(value: str | None) -> Language:
    return "en" if value == "en" else "ru"


# -- the admin writes ------------------------------------------------------------------


async def ask_text(request: Request, conversation: Conversation, note: str) -> None:
    customer = await get_user(conversation.integer("customer_id") or 0)
    name = customer_label(customer) if customer is not None else "—"
    await ask_question(
        request, conversation, "cust.message.ask", note, name=name, limit=RELAY_TEXT_MAX
    )


async def read_text(request: Request, conversation: Conversation, message: Message) -> Outcome:
    text = clean_text(message.text or "", multiline=True)
    if not text or len(text) > RELAY_TEXT_MAX:
        return "cust.message.bad"
    customer_id = conversation.integer("customer_id") or 0
    customer = await get_user(customer_id)
    if customer is None:
        await message.reply_text(request.t("cust.gone"))
        return DONE
    language = _language(customer.language)
    body = cut(
        f"{text_in('cust.message.header', language)}\n\n{text}\n\n"
        f"{text_in('cust.message.footer', language)}",
        MESSAGE_LIMIT,
    )
    try:
        sent = await request.client.send_message(customer_id, body, parse_mode=ParseMode.DISABLED)
    except UserIsBlocked:
        await mark_bot_blocked(customer_id)
        await message.reply_text(request.t("cust.message.blocked"))
        return DONE
    except (InputUserDeactivated, PeerIdInvalid):
        await message.reply_text(request.t("cust.message.unreachable"))
        return DONE
    if sent is None:  # Kurigram gives no message only for scheduled sends
        return DONE
    await create_relay(request.user_id, customer_id, sent.id, text)
    await message.reply_text(
        request.t("cust.message.sent", name=full_name(customer)),
        reply_markup=back_to_customer(request, customer_id),
    )
    return DONE


define(MESSAGE, {"text": Step(ask_text, read_text)})


async def start_message(request: Request, query: CallbackQuery, callback: Callback) -> None:
    customer_id = callback.integer(0) or 0
    if await get_user(customer_id) is None:
        await query.answer(request.t("cust.gone"), show_alert=True)
        return
    await query.answer()
    await begin(request, MESSAGE, "text", customer_id=customer_id)


# -- the customer replies --------------------------------------------------------------


async def _relayed_reply(_filter: object, _client: object, message: Message) -> bool:
    replied_to = message.reply_to_message_id
    if replied_to is None or message.from_user is None:
        return False
    return await relay_admin_of(message.from_user.id, replied_to) is not None


replies = filters.private & ~filters.regex(r"^/") & filters.create(_relayed_reply, "relayed")


async def pass_reply_on(request: Request, message: Message) -> None:
    admin_id = await relay_admin_of(request.user_id, message.reply_to_message_id or 0)
    text = clean_text(message.text or message.caption or "", multiline=True)
    if not text:
        await message.reply_text(request.t("cust.reply.text_only"))
        return
    if admin_id is None or await role_of(request.deps.settings, admin_id) < Role.ADMIN:
        await message.reply_text(request.t("cust.reply.nobody"))
        return
    admin = await get_user(admin_id)
    customer = await get_user(request.user_id)
    to_admin = Request(request.deps, admin_id, _language(admin.language if admin else None))
    who = customer_label(customer) if customer is not None else str(request.user_id)
    body = cut(to_admin.t("cust.reply.header", who=who) + f"\n\n{text}", MESSAGE_LIMIT)
    try:
        await request.client.send_message(
            admin_id,
            body,
            parse_mode=ParseMode.DISABLED,
            reply_markup=reply_keyboard(to_admin, request.user_id),
        )
    except (UserIsBlocked, InputUserDeactivated, PeerIdInvalid):
        await message.reply_text(request.t("cust.reply.nobody"))
        return
    await message.reply_text(request.t("cust.reply.passed"))


def register(router: Router) -> None:
    router.on_callback(a.MESSAGE_CUSTOMER, start_message)


def register_replies(router: Router) -> None:
    """The customer's side: a shopper's route (anyone may reply to the shop)."""
    router.on_message(pass_reply_on, replies)
