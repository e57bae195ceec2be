"""Exporting: the catalogue (re-imports to the same catalogue) and orders by period and
status, sent as CSV documents (UTF-8 with BOM; `;` for Russian readers, as their Excel
expects, `,` for English). Each export is one audit row.

Periods are counted in UTC: "today" starts at 00:00 UTC, "week" and "month" are the
last 7 and 30 days.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import BytesIO

from pyrogram.types import CallbackQuery

from bot.admin.catalogue_files.actions import (
    ANY_STATUS,
    CHOOSE_PERIOD,
    CHOOSE_STATUS,
    EXPORT_CATALOGUE,
    EXPORT_ORDERS,
)
from bot.admin.catalogue_files.keyboards import periods_keyboard, statuses_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import show_screen
from models.admins import record_audit
from models.catalogue_export import CsvFile, export_catalogue, export_orders
from models.clock import utcnow


def delimiter(request: Request) -> str:
    return ";" if request.language == "ru" else ","


def period_start(period: str, now: datetime) -> datetime | None:
    if period == "today":
        return now.replace(hour=0, minute=0, second=0, microsecond=0)
    days = {"week": 7, "month": 30}.get(period)
    return None if days is None else now - timedelta(days=days)


async def send_file(request: Request, exported: CsvFile, name: str, caption: str) -> None:
    document = BytesIO(exported.data)
    document.name = name
    await request.client.send_document(request.user_id, document, caption=caption)


async def send_catalogue(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer(request.t("files.preparing"))
    exported = await export_catalogue(delimiter(request))
    today = utcnow().date().isoformat()
    caption = request.t("files.catalogue_caption", lines=exported.lines)
    await send_file(request, exported, f"catalogue-{today}.csv", caption)
    await record_audit(request.user_id, "catalogue.export", "", {"lines": exported.lines})


async def choose_period(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, request.t("files.choose_period"), periods_keyboard(request))


async def choose_status(request: Request, query: CallbackQuery, callback: Callback) -> None:
    period = callback.text(0)
    label = request.t(f"files.period.{period}")
    screen = request.t("files.choose_status", period=label)
    await show_screen(request, query, screen, statuses_keyboard(request, period))


async def send_orders(request: Request, query: CallbackQuery, callback: Callback) -> None:
    period, status = callback.text(0), callback.text(1)
    await query.answer(request.t("files.preparing"))
    now = utcnow()
    exported = await export_orders(
        period_start(period, now), None if status == ANY_STATUS else status, delimiter(request)
    )
    status_label = request.t(
        "files.status.any" if status == ANY_STATUS else f"orders.status.{status}"
    )
    caption = request.t(
        "files.orders_caption",
        period=request.t(f"files.period.{period}"),
        status=status_label,
        lines=exported.lines,
    )
    name = f"orders-{period}-{status}-{now.date().isoformat()}.csv"
    await send_file(request, exported, name, caption)
    details = {"period": period, "status": status, "lines": exported.lines}
    await record_audit(request.user_id, "orders.export", "", details)


def register(router: Router) -> None:
    router.on_callback(EXPORT_CATALOGUE, send_catalogue)
    router.on_callback(CHOOSE_PERIOD, choose_period)
    router.on_callback(CHOOSE_STATUS, choose_status)
    router.on_callback(EXPORT_ORDERS, send_orders)
