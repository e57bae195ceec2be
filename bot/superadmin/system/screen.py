"""The System screen: open/Refresh shows live figures, Send test alert queues an alert.

Both need SUPERADMIN (set once for the package in `bot.superadmin`); a replayed or
forged button from anyone else is refused by the router before these run.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import edit_pressed
from bot.superadmin.system.actions import MENU, TEST_ALERT
from bot.superadmin.system.keyboards import system_keyboard
from bot.superadmin.system.view import system_text
from runtime.alerts import Severity


async def show_system(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    status = request.deps.status
    if status is None:
        await query.answer(request.t("system.unavailable"), show_alert=True)
        return
    await query.answer()
    snapshot = await status.snapshot()
    await edit_pressed(request, query, system_text(request.t, snapshot), system_keyboard(request))


async def send_test_alert(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    queued = request.deps.alerts.send_critical_alert(
        f"Test alert from superadmin {request.user_id}: alerts reach every superadmin.",
        {"requested_by": request.user_id},
        source="system",
        key=f"test_alert:{query.id}",
        severity=Severity.INFO,
    )
    await query.answer(request.t("system.test_sent" if queued else "system.test_dropped"))


def register(router: Router) -> None:
    router.on_callback(MENU, show_system)
    router.on_callback(TEST_ALERT, send_test_alert)
