"""`/admin`: the back office's menu (admins and superadmins; the package sets the role).

Each section adds a `Section` to `SECTIONS` when it is built; a section that does nothing
yet is not shown, so no button leads nowhere. A section for superadmins only (Admins,
Audit) is shown to them alone; its routes check the role again on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyrogram import filters
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.admin.actions import MENU
from bot.admin.admins.actions import ADMINS
from bot.admin.audit.actions import AUDIT
from bot.admin.catalogue.actions import CATALOGUE
from bot.admin.catalogue_files.actions import MENU as FILES
from bot.admin.channel.actions import CHANNEL
from bot.admin.customers.actions import CUSTOMERS
from bot.admin.orders.actions import DESK as ORDERS
from bot.callbacks import Action, Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.roles import Role, role_of
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.conversations import end_conversation


@dataclass(frozen=True)
class Section:
    text_key: str
    action: Action
    role: Role = Role.ADMIN


#: The menu's sections, in menu order.
SECTIONS: tuple[Section, ...] = (
    Section("aord.section", ORDERS),
    Section("acat.section", CATALOGUE),
    Section("files.section", FILES),
    Section("channel.section", CHANNEL),
    Section("cust.section", CUSTOMERS),
    Section("adms.section", ADMINS, Role.SUPERADMIN),
    Section("audit.section", AUDIT, Role.SUPERADMIN),
)


async def menu_keyboard(request: Request) -> InlineKeyboardMarkup:
    role = await role_of(request.deps.settings, request.user_id)
    return keyboard(
        *(
            [button(request, request.t(section.text_key), section.action)]
            for section in SECTIONS
            if role >= section.role
        )
    )


async def open_menu(request: Request, _message: Message) -> None:
    """The menu; `/admin` also leaves any back-office conversation."""
    await end_conversation(request.user_id)
    await send_screen(request, request.t("admin.menu"), await menu_keyboard(request))


async def back_to_menu(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, request.t("admin.menu"), await menu_keyboard(request))


def register(router: Router) -> None:
    router.on_message(open_menu, filters.private & filters.command("admin"))
    router.on_callback(MENU, back_to_menu)
