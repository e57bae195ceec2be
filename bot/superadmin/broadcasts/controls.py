"""The progress message's buttons: pause, resume, cancel (superadmins only).

The handler only asks: the `broadcast_sender` actor owns running broadcasts, changes
their status and edits the progress message to show it.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.callbacks import Callback
from bot.commands import CancelBroadcast, PauseBroadcast, ResumeBroadcast
from bot.context import Request
from bot.roles import Role
from bot.router import Router
from bot.superadmin.broadcasts.views import CANCEL, PAUSE, RESUME

ASKS = {
    PAUSE.name: (PauseBroadcast, "broadcast.pausing"),
    RESUME.name: (ResumeBroadcast, "broadcast.resuming"),
    CANCEL.name: (CancelBroadcast, "broadcast.cancelling"),
}


async def handle_control(request: Request, query: CallbackQuery, callback: Callback) -> None:
    broadcast_id = callback.integer(0)
    if broadcast_id is None:
        await query.answer(request.t("stale_button"))
        return
    message_type, answer = ASKS[callback.action]
    await request.deps.broadcasts.send(message_type(broadcast_id, by=request.user_id))
    await query.answer(request.t(answer))


def register(router: Router) -> None:
    for action in (PAUSE, RESUME, CANCEL):
        router.on_callback(action, handle_control, role=Role.SUPERADMIN)
