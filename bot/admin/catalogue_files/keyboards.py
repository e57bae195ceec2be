"""The section's keyboards: pure functions of the request."""

from __future__ import annotations

from pyrogram.types import InlineKeyboardMarkup

from bot.admin.actions import MENU as ADMIN_MENU
from bot.admin.catalogue_files.actions import (
    ANY_STATUS,
    CHOOSE_PERIOD,
    CHOOSE_STATUS,
    EXPORT_CATALOGUE,
    EXPORT_ORDERS,
    IMPORT_HELP,
    MENU,
    PERIODS,
)
from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from models.order_statuses import STATUSES


def section_keyboard(request: Request) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("files.import"), IMPORT_HELP)],
        [button(request, request.t("files.export_catalogue"), EXPORT_CATALOGUE)],
        [button(request, request.t("files.export_orders"), CHOOSE_PERIOD)],
        [button(request, request.t("admin.menu.back"), ADMIN_MENU)],
    )


def back_keyboard(request: Request) -> InlineKeyboardMarkup:
    return keyboard([button(request, request.t("files.back"), MENU)])


def periods_keyboard(request: Request) -> InlineKeyboardMarkup:
    periods = (
        button(request, request.t(f"files.period.{period}"), CHOOSE_STATUS, period)
        for period in PERIODS
    )
    return keyboard(*in_rows(periods, 2), [button(request, request.t("files.back"), MENU)])


def statuses_keyboard(request: Request, period: str) -> InlineKeyboardMarkup:
    statuses = (
        button(request, request.t(f"orders.status.{status}"), EXPORT_ORDERS, period, status)
        for status in STATUSES
    )
    return keyboard(
        [button(request, request.t("files.status.any"), EXPORT_ORDERS, period, ANY_STATUS)],
        *in_rows(statuses, 2),
        [button(request, request.t("files.back"), CHOOSE_PERIOD)],
    )
