"""`/superadmin` -> Broadcast -> History: every confirmed broadcast, newest first, paged."""

from __future__ import annotations

import math

from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Callback
from bot.context import Request
from bot.roles import Role
from bot.router import Router
from bot.screens import edit_pressed
from bot.superadmin.broadcasts.compose import HISTORY, MENU
from bot.superadmin.broadcasts.views import history_item
from models.broadcasts import history_page, names_of

PAGE_SIZE = 5


async def history_view(request: Request, page: int) -> tuple[str, InlineKeyboardMarkup]:
    broadcasts, total = await history_page(page * PAGE_SIZE, PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if total == 0:
        body = request.t("broadcast.history_empty")
    else:
        authors = await names_of(int(b.author_id) for b in broadcasts)
        items = [
            history_item(b, authors.get(int(b.author_id), str(b.author_id)), request.language)
            for b in broadcasts
        ]
        title = request.t("broadcast.history_title", total=total, page=page + 1, pages=pages)
        body = "\n\n".join([title, *items])
    navigation = []
    if page > 0:
        navigation.append(
            InlineKeyboardButton(
                request.t("broadcast.history_newer"),
                callback_data=request.button(HISTORY, page - 1),
            )
        )
    if page + 1 < pages:
        navigation.append(
            InlineKeyboardButton(
                request.t("broadcast.history_older"),
                callback_data=request.button(HISTORY, page + 1),
            )
        )
    rows = [navigation] if navigation else []
    rows.append(
        [InlineKeyboardButton(request.t("superadmin.back"), callback_data=request.button(MENU))]
    )
    return body, InlineKeyboardMarkup(rows)


async def handle_history(request: Request, query: CallbackQuery, callback: Callback) -> None:
    page = max(0, callback.integer(0) or 0)
    body, keyboard = await history_view(request, page)
    await query.answer()
    await edit_pressed(request, query, body, keyboard)


def register(router: Router) -> None:
    router.on_callback(HISTORY, handle_history, role=Role.SUPERADMIN)
