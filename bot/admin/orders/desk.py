"""The order desk's screens: the statuses with their counts, and a status's orders a
page at a time (keyset pages: a button carries the id its page starts below)."""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.admin.orders.actions import DESK, LIST
from bot.admin.orders.keyboards import desk_keyboard, list_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.orders.views import status_label
from bot.router import Router
from bot.screens import show_screen
from models.order_desk import count_by_status, list_orders_page
from models.order_statuses import STATUSES


async def show_desk(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    markup = desk_keyboard(request, await count_by_status())
    await show_screen(request, query, request.t("aord.desk"), markup)


async def show_list(request: Request, query: CallbackQuery, callback: Callback) -> None:
    status, before_id, page = callback.text(0), callback.integer(1), callback.integer(2)
    if status not in STATUSES or before_id is None or page is None:
        await query.answer(request.t("stale_button"))
        return
    found = await list_orders_page(status, before_id=before_id)
    label = status_label(status, request.language)
    if not found.orders:
        title = request.t("aord.list.empty", status=label)
    else:
        more = request.t("aord.list.more", page=page + 1) if page or found.has_more else ""
        title = request.t("aord.list", status=label, more=more)
    markup = list_keyboard(request, status, found.orders, page, found.has_more)
    await show_screen(request, query, title, markup)


def register(router: Router) -> None:
    router.on_callback(DESK, show_desk)
    router.on_callback(LIST, show_list)
