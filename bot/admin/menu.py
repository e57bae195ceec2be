"""`/admin`: the back office's menu (admins and superadmins; the package sets the role).

Each section adds its (text key, action) to `SECTIONS` when it is built; a section that
does nothing yet is not shown, so no button leads nowhere.
"""

from __future__ import annotations

from pyrogram import filters
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.admin.actions import MENU
from bot.admin.catalogue.actions import CATALOGUE
from bot.admin.catalogue_files.actions import MENU as FILES
from bot.admin.channel.actions import CHANNEL
from bot.callbacks import Action, Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.conversations import end_conversation

#: (text key, callback action) of each section, in menu order.
SECTIONS: tuple[tuple[str, Action], ...] = (
    ("acat.section", CATALOGUE),
    ("files.section", FILES),
    ("channel.section", CHANNEL),
)


def menu_keyboard(request: Request) -> InlineKeyboardMarkup:
    return keyboard(*([button(request, request.t(key), action)] for key, action in SECTIONS))


async def open_menu(request: Request, _message: Message) -> None:
    """The menu; `/admin` also leaves any back-office conversation."""
    await end_conversation(request.user_id)
    await send_screen(request, request.t("admin.menu"), menu_keyboard(request))


async def back_to_menu(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, request.t("admin.menu"), menu_keyboard(request))


def register(router: Router) -> None:
    router.on_message(open_menu, filters.private & filters.command("admin"))
    router.on_callback(MENU, back_to_menu)
