"""`/admin` -> Audit (superadmins): the audit log newest first, ten rows a page, and a
filter by admin (the admins who appear in the log, and "everyone")."""

from __future__ import annotations

import math

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.admin.actions import MENU
from bot.admin.audit.actions import AUDIT, AUDIT_FILTER, AUDIT_PAGE
from bot.admin.audit.views import entry_text, who
from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from bot.roles import Role
from bot.router import Router
from bot.screens import show_screen
from models.audit_log import list_audit_actors, list_audit_page, names_by_telegram_id

PAGE_SIZE = 10
EVERYONE = 0


async def audit_view(request: Request, actor: int, page: int) -> tuple[str, InlineKeyboardMarkup]:
    entries, total = await list_audit_page(
        page * PAGE_SIZE, PAGE_SIZE, None if actor == EVERYONE else actor
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    names = await names_by_telegram_id([actor, *(entry.actor_id for entry in entries)])
    whose = request.t("audit.everyone") if actor == EVERYONE else who(actor, names)
    if total == 0:
        body = request.t("audit.empty", whose=whose)
    else:
        title = request.t("audit.title", whose=whose, page=page + 1, pages=pages, total=total)
        body = "\n\n".join([title, *(entry_text(e, names, request.language) for e in entries)])
    navigation = []
    if page > 0:
        navigation.append(button(request, request.t("audit.newer"), AUDIT_PAGE, actor, page - 1))
    if page + 1 < pages:
        navigation.append(button(request, request.t("audit.older"), AUDIT_PAGE, actor, page + 1))
    return body, keyboard(
        navigation,
        [button(request, request.t("audit.filter"), AUDIT_FILTER)],
        [button(request, request.t("audit.back"), MENU)],
    )


async def open_audit(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    body, markup = await audit_view(request, EVERYONE, 0)
    await show_screen(request, query, body, markup)


async def turn_page(request: Request, query: CallbackQuery, callback: Callback) -> None:
    actor, page = callback.integer(0) or EVERYONE, callback.integer(1) or 0
    body, markup = await audit_view(request, actor, page)
    await show_screen(request, query, body, markup)


async def choose_admin(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    actors = await list_audit_actors()
    names = await names_by_telegram_id(actors)
    buttons = [button(request, who(actor, names), AUDIT_PAGE, actor, 0) for actor in actors]
    markup = keyboard(
        [button(request, request.t("audit.everyone"), AUDIT_PAGE, EVERYONE, 0)],
        *in_rows(buttons, 2),
        [button(request, request.t("audit.back_to_log"), AUDIT)],
    )
    await show_screen(request, query, request.t("audit.choose"), markup)


def register(router: Router) -> None:
    router.on_callback(AUDIT, open_audit, role=Role.SUPERADMIN)
    router.on_callback(AUDIT_PAGE, turn_page, role=Role.SUPERADMIN)
    router.on_callback(AUDIT_FILTER, choose_admin, role=Role.SUPERADMIN)
