"""The section's screen (from the `/admin` menu) and the import instructions."""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.admin.catalogue_files.actions import IMPORT_HELP, MENU
from bot.admin.catalogue_files.keyboards import back_keyboard, section_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import show_screen


async def open_section(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, request.t("files.menu"), section_keyboard(request))


async def show_import_help(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, request.t("files.import_help"), back_keyboard(request))


def register(router: Router) -> None:
    router.on_callback(MENU, open_section)
    router.on_callback(IMPORT_HELP, show_import_help)
