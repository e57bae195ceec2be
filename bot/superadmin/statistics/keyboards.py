"""The Statistics screen's buttons (pure: signed data comes from `Request.button`)."""

from __future__ import annotations

from pyrogram.types import InlineKeyboardMarkup

from bot.context import Request
from bot.keyboards import button, keyboard
from bot.superadmin.broadcasts.compose import SUPERADMIN_MENU
from bot.superadmin.statistics.actions import CHART, REFRESH


def statistics_keyboard(request: Request) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("stats.refresh"), REFRESH)],
        [button(request, request.t("stats.chart"), CHART)],
        [button(request, request.t("superadmin.back"), SUPERADMIN_MENU)],
    )
