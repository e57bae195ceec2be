"""`/superadmin`: the superadmins' panel (SUPERADMIN_IDS only; checked on the server).

Its sections: Broadcast and Statistics; others come with their own issues and add
their button to `SECTIONS` (a section that does nothing yet is not shown, so no button
leads nowhere).
"""

from __future__ import annotations

from pyrogram import filters
from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import Action, Callback
from bot.context import Request
from bot.roles import Role
from bot.router import Router
from bot.screens import edit_pressed
from bot.superadmin import broadcasts, statistics, system
from bot.superadmin.broadcasts import compose

MENU = compose.SUPERADMIN_MENU
#: (text key, callback action) of each section, in menu order.
SECTIONS: tuple[tuple[str, Action], ...] = (
    ("superadmin.broadcasts", broadcasts.MENU),
    ("stats.section", statistics.MENU),
    ("system.section", system.MENU),
)


def menu_keyboard(request: Request) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(request.t(key), callback_data=request.button(action))]
            for key, action in SECTIONS
        ]
    )


async def handle_command(request: Request, message: Message) -> None:
    await message.reply_text(request.t("superadmin.menu"), reply_markup=menu_keyboard(request))


async def handle_menu(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    await edit_pressed(request, query, request.t("superadmin.menu"), menu_keyboard(request))


def register(router: Router) -> None:
    router.on_message(
        handle_command, filters.private & filters.command("superadmin"), role=Role.SUPERADMIN
    )
    router.on_callback(MENU, handle_menu, role=Role.SUPERADMIN)
