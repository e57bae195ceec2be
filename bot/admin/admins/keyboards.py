"""The Admins section's keyboards: pure functions of what they show."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import InlineKeyboardMarkup

from bot.admin.actions import MENU
from bot.admin.admins import actions as a
from bot.context import Request
from bot.keyboards import Row, button, keyboard


def admins_keyboard(request: Request, removable: Sequence[tuple[int, str]]) -> InlineKeyboardMarkup:
    """A Remove button per admin added in the bot (`(id, label)`); env-listed admins
    have none."""
    rows: list[Row] = [
        [button(request, request.t("adms.remove", name=label), a.ADMIN_REMOVE, admin_id)]
        for admin_id, label in removable
    ]
    return keyboard(
        *rows,
        [button(request, request.t("adms.add"), a.ADMIN_ADD)],
        [button(request, request.t("admin.menu.back"), MENU)],
    )


def back_to_admins(request: Request) -> InlineKeyboardMarkup:
    return keyboard([button(request, request.t("adms.back"), a.ADMINS)])
