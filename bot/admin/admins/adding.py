"""Adding an admin (a conversation): the superadmin forwards a message from the person,
or types their Telegram id, or the @username of someone who has started the bot.

A forward names its sender only when their privacy settings allow it; when they hide it
(Telegram gives just a name) the superadmin is told so and asked for the id. A bot, an
env-listed admin or someone already an admin is refused with a note and the question
asked again. The new admin gets `/admin` and the next new order's card at once: roles
and the cards' recipients are read from the database every time, never cached.
"""

from __future__ import annotations

from pyrogram.enums import ParseMode
from pyrogram.errors import InputUserDeactivated, PeerIdInvalid, UserIsBlocked
from pyrogram.types import (
    CallbackQuery,
    Message,
    MessageOriginHiddenUser,
    MessageOriginUser,
)

from bot.admin.admins import actions as a
from bot.admin.admins.listing import env_listed, labels_of, send_admins
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.language import Language
from bot.roles import Role, role_of
from bot.router import Router
from bot.texts import text
from models.admins import add_admin
from models.conversations import Conversation
from models.customers import CustomerQuery, find_customers, read_query
from models.users import get_user

ADD = "admin.add"


async def ask_who(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(request, conversation, "adms.add.ask", note)


async def person_of(message: Message) -> int | str:
    """The Telegram id the message names, or the text key saying why it names nobody."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser) and origin.sender_user is not None:
        return "adms.add.bot" if origin.sender_user.is_bot else origin.sender_user.id
    if isinstance(origin, MessageOriginHiddenUser):
        return "adms.add.hidden"
    query = read_query(message.text or "") if origin is None else None
    if query is not None and query.username is not None:
        found = await find_customers(CustomerQuery(username=query.username))
        return int(found[0].telegram_id) if found else "adms.add.unknown"
    if query is not None and query.telegram_id is not None:
        return query.telegram_id
    return "adms.add.bad"


async def read_who(request: Request, _c: Conversation, message: Message) -> Outcome:
    if await role_of(request.deps.settings, request.user_id) < Role.SUPERADMIN:
        await message.reply_text(request.t("not_allowed"))
        return DONE
    person = await person_of(message)
    if isinstance(person, str):
        return person
    if env_listed(request.deps.settings, person):
        return "adms.add.env"
    if not await add_admin(person, added_by=request.user_id):
        return "adms.add.already"
    await _welcome(request, person)
    labels = await labels_of([person])
    await send_admins(request, request.t("adms.added", name=labels[person]))
    return DONE


async def _welcome(request: Request, admin_id: int) -> None:
    """Tell the new admin, in their language, where the back office is (they may not
    have started the bot yet: then Telegram refuses, and that is fine)."""
    user = await get_user(admin_id)
    language: Language = "en" if user is not None and user.language == "en" else "ru"
    try:
        await request.client.send_message(
            admin_id, text("adms.welcome", language), parse_mode=ParseMode.DISABLED
        )
    except (UserIsBlocked, InputUserDeactivated, PeerIdInvalid):
        return


define(ADD, {"who": Step(ask_who, read_who)})


async def start_adding(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    await begin(request, ADD, "who")


def register(router: Router) -> None:
    router.on_callback(a.ADMIN_ADD, start_adding)
