"""The admins' order card: the order, its customer and status, with a button for each
status an admin may move it to next. A press becomes a `SetOrderStatus` message; the
order processor checks the presser's role again, applies the move if the status table
allows it, and edits the card. The card is built outside any update (the order
processor sends it), so its buttons are signed with the codec for each admin directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.actions import SET_ORDER_STATUS
from bot.callbacks import Callback, CallbackCodec
from bot.commands import SetOrderStatus
from bot.context import Request
from bot.language import Language
from bot.money import format_price
from bot.orders.views import delivery_label, items_text, status_label
from bot.roles import Role
from bot.router import Router
from bot.text_limits import MESSAGE_LIMIT, cut
from bot.texts import text
from models.order_statuses import STATUSES, admin_moves
from models.orders import Order, OrderItem
from models.users import User


def card_text(
    order: Order,
    items: Sequence[OrderItem],
    customer: User | None,
    *,
    headline: str,
    language: Language,
) -> str:
    username = customer.username if customer is not None else None
    address, comment = order.address, order.comment
    card = text(
        "admin_order.card",
        language,
        headline=headline,
        items=items_text(items, order.currency, language),
        total=format_price(order.total, order.currency),
        payment=text(f"admin_order.payment.{order.payment_method}", language),
        name=order.customer_name,
        phone=order.phone,
        username=text("admin_order.username", language, username=username) if username else "",
        delivery=delivery_label(order.delivery_method, language),
        address=text("admin_order.address", language, address=address) if address else "",
        comment=text("admin_order.comment", language, comment=comment) if comment else "",
        status=status_label(order.status, language),
    )
    return cut(card, MESSAGE_LIMIT)


def card_markup(
    codec: CallbackCodec, admin_id: int, order: Order, language: Language
) -> InlineKeyboardMarkup | None:
    """A button per next status (none once the order has nowhere to go)."""
    buttons = [
        InlineKeyboardButton(
            text(f"admin_order.move.{status}", language),
            callback_data=codec.encode(admin_id, SET_ORDER_STATUS, order.id, status),
        )
        for status in admin_moves(order.status, order.payment_method)
    ]
    return InlineKeyboardMarkup([[button] for button in buttons]) if buttons else None


async def press_status(request: Request, query: CallbackQuery, callback: Callback) -> None:
    order_id = callback.integer(0)
    status = callback.text(1)
    message = query.message
    chat_id = message.chat.id if message is not None and message.chat is not None else None
    if order_id is None or status not in STATUSES or message is None or chat_id is None:
        await query.answer(request.t("stale_button"))
        return
    await request.deps.orders.send(
        SetOrderStatus(order_id, status, request.user_id, chat_id, message.id)
    )
    await query.answer(request.t("admin_order.updating"))


def register(router: Router) -> None:
    router.on_callback(SET_ORDER_STATUS, press_status, role=Role.ADMIN)
