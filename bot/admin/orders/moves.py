"""A press on a card's status button. The role was checked by the router; the order
processor checks it again and applies the move if the status table allows it then.

* A move the order's status no longer allows (another admin moved it, a payment came)
  is answered with the status it has now and the pressed card shown as it is now
  (`cards.show_outdated`); nothing is sent to the processor.
* Cancel asks for a reason first (`cancel`), Shipped for a tracking number
  (`shipping`); the others go to the processor at once (`SetOrderStatus`).
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.admin.actions import SET_ORDER_STATUS
from bot.admin.orders import cancel, shipping
from bot.admin.orders.cards import show_outdated
from bot.callbacks import Callback
from bot.commands import SetOrderStatus
from bot.context import Request
from bot.router import Router
from models.order_statuses import CANCELLED, SHIPPED, STATUSES, admin_moves
from models.orders import get_order


async def press_status(request: Request, query: CallbackQuery, callback: Callback) -> None:
    order_id = callback.integer(0)
    status = callback.text(1)
    message = query.message
    chat_id = message.chat.id if message is not None and message.chat is not None else None
    if order_id is None or status not in STATUSES or message is None or chat_id is None:
        await query.answer(request.t("stale_button"))
        return
    order = await get_order(order_id)
    if order is None:
        await query.answer(request.t("admin_order.not_found"), show_alert=True)
        return
    if status not in admin_moves(order.status, order.payment_method):
        await show_outdated(request, query, order_id)
        return
    if status == CANCELLED:
        await query.answer()
        await cancel.ask_reason(request, order_id, chat_id, message.id)
        return
    if status == SHIPPED:
        await query.answer()
        await shipping.ask_tracking(request, order_id, chat_id, message.id)
        return
    await request.deps.orders.send(
        SetOrderStatus(order_id, status, request.user_id, chat_id, message.id)
    )
    await query.answer(request.t("admin_order.updating"))


def register(router: Router) -> None:
    router.on_callback(SET_ORDER_STATUS, press_status)
