"""Status changes of placed orders: by an admin, by a payment, by the payment timeout.

The rules are in `models.order_statuses`, enforced by `models.orders.change_status`.
Each function here checks who asks (an admin's role is checked again: a button is only
a hint), writes the change, and returns the `Notice` that tells the people concerned,
for the order processor to send while it goes on with its next message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from loguru import logger

from actors.messages import PaymentReceived, SetOrderStatus
from actors.names import ORDER_PROCESSOR
from actors.order_notifier import AdminCard, OrderNotifier
from bot.roles import Role, role_of
from config import Settings
from models.clock import utcnow
from models.orders import (
    CANCELLED,
    PAID,
    Cause,
    OrderNotFound,
    PaymentOutcome,
    TransitionRefused,
    change_status,
    expired_unpaid_orders,
    record_payment,
)

Notice = Callable[[], Awaitable[None]]

orders_log = logger.bind(actor=ORDER_PROCESSOR)


async def set_by_admin(
    request: SetOrderStatus, settings: Settings, notifier: OrderNotifier
) -> Notice | None:
    if await role_of(settings, request.admin_id) < Role.ADMIN:
        orders_log.warning(
            "{} is not an admin: order {} left as it is", request.admin_id, request.order_id
        )
        return None
    card = AdminCard(request.chat_id, request.message_id)
    try:
        change = await change_status(
            request.order_id, request.status, cause=Cause.ADMIN, actor_id=request.admin_id
        )
    except OrderNotFound:
        return partial(notifier.tell_admin, request.admin_id, "admin_order.not_found")
    except TransitionRefused as refused:
        return partial(notifier.change_refused, card, refused)
    orders_log.info(
        "order {}: {} -> {} by admin {}",
        change.order_id,
        change.previous,
        change.current,
        request.admin_id,
    )
    return partial(notifier.status_changed, change.order_id, change.previous, change.current, card)


async def take_payment(payment: PaymentReceived, notifier: OrderNotifier) -> Notice | None:
    try:
        outcome = await record_payment(payment.order_id, payment.charge_id)
    except OrderNotFound:
        orders_log.error(
            "payment {} names order {}, which does not exist: refund it",
            payment.charge_id,
            payment.order_id,
        )
        return None
    if outcome is PaymentOutcome.DUPLICATE:
        orders_log.info("payment {} seen before: ignored", payment.charge_id)
        return None
    if outcome is PaymentOutcome.REFUND_NEEDED:
        orders_log.warning(
            "payment {} for order {}: refund needed", payment.charge_id, payment.order_id
        )
        return partial(notifier.refund_needed, payment.order_id, payment.charge_id)
    orders_log.info("order {} paid ({})", payment.order_id, payment.charge_id)
    return partial(notifier.status_changed, payment.order_id, "", PAID)


async def release_unpaid(notifier: OrderNotifier) -> list[tuple[int, Notice]]:
    """Cancel every online order whose payment time ran out (its stock goes back);
    (order id, notice) for each."""
    released: list[tuple[int, Notice]] = []
    for order_id in await expired_unpaid_orders(utcnow()):
        try:
            await change_status(order_id, CANCELLED, cause=Cause.PAYMENT_TIMEOUT)
        except TransitionRefused:
            continue  # paid or cancelled in the meantime
        orders_log.info("order {} not paid in time: cancelled", order_id)
        released.append((order_id, partial(notifier.payment_expired, order_id)))
    return released
