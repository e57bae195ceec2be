"""Status changes of placed orders: by an admin, by a payment, by the payment timeout.

The rules are in `models.order_statuses`, enforced by `models.orders.change_status`.
Each function here checks who asks (an admin's role is checked again: a button is only
a hint) and writes the change together with the notices it causes (one transaction,
`actors.orders.notices`): it returns `Queued` for the order processor to have them sent,
or the `Notice` of a reply that changed nothing (a refused move).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from loguru import logger

from actors.messages import PaymentReceived, SetOrderStatus
from actors.names import ORDER_PROCESSOR
from actors.orders.notices import queue_expired, queue_refund_needed, queue_status_changed
from actors.orders.notifier import AdminCard, OrderNotifier
from bot.roles import Role, role_of
from config import Settings
from models.clock import utcnow
from models.orders import (
    CANCELLED,
    PAID,
    Cause,
    Order,
    OrderNotFound,
    PaymentOutcome,
    TransitionRefused,
    change_status,
    expired_unpaid_orders,
    record_payment,
)
from models.payments import mark_processed
from runtime.db_transaction import atomic

Notice = Callable[[], Awaitable[None]]

orders_log = logger.bind(actor=ORDER_PROCESSOR)


@dataclass(frozen=True)
class Queued:
    """The change is written, and its notices with it (in the ledger): the order
    processor's `NoticeSender` sends them."""

    order_id: int


#: What a change leaves to do: notices in the ledger, a reply to send, or nothing.
Outcome = Queued | Notice | None


async def set_by_admin(
    request: SetOrderStatus, settings: Settings, notifier: OrderNotifier
) -> Outcome:
    if await role_of(settings, request.admin_id) < Role.ADMIN:
        orders_log.warning(
            "{} is not an admin: order {} left as it is", request.admin_id, request.order_id
        )
        return None
    card = AdminCard(request.chat_id, request.message_id)
    try:
        async with atomic(Order._meta.db):
            change = await change_status(
                request.order_id,
                request.status,
                cause=Cause.ADMIN,
                actor_id=request.admin_id,
                note=request.note,
            )
            await queue_status_changed(
                change.order_id,
                change.previous,
                change.current,
                settings,
                card=(card.chat_id, card.message_id) if card.message_id > 0 else None,
                note=request.note.as_details(),
            )
    except OrderNotFound:
        return partial(notifier.tell_admin, request.admin_id, "admin_order.not_found")
    except TransitionRefused as refused:
        if card.message_id <= 0:  # asked from a conversation whose card is unknown
            return partial(notifier.tell_refused, request.admin_id, refused)
        return partial(notifier.change_refused, card, refused)
    orders_log.info(
        "order {}: {} -> {} by admin {}",
        change.order_id,
        change.previous,
        change.current,
        request.admin_id,
    )
    return Queued(change.order_id)


async def take_payment(payment: PaymentReceived, settings: Settings) -> Queued | None:
    """Record the payment, its notices and the receipt as processed, in one transaction:
    a crash either loses all three (the receipt is taken again at the next start) or
    none (the notices are pending in the ledger)."""
    try:
        async with atomic(Order._meta.db):
            outcome = await record_payment(payment.order_id, payment.charge_id)
            if outcome is PaymentOutcome.REFUND_NEEDED:
                await queue_refund_needed(payment.order_id, payment.charge_id, settings)
            elif outcome is PaymentOutcome.PAID:
                await queue_status_changed(payment.order_id, "", PAID, settings)
            await mark_processed(payment.charge_id)
    except OrderNotFound:
        orders_log.error(
            "payment {} names order {}, which does not exist: refund it",
            payment.charge_id,
            payment.order_id,
        )
        await mark_processed(payment.charge_id)
        return None
    if outcome is PaymentOutcome.DUPLICATE:
        orders_log.info("payment {} seen before: ignored", payment.charge_id)
        return None
    if outcome is PaymentOutcome.REFUND_NEEDED:
        orders_log.warning(
            "payment {} for order {}: refund needed", payment.charge_id, payment.order_id
        )
    else:
        orders_log.info("order {} paid ({})", payment.order_id, payment.charge_id)
    return Queued(payment.order_id)


async def release_unpaid(settings: Settings) -> list[Queued]:
    """Cancel every online order whose payment time ran out (its stock goes back), with
    its notices."""
    released: list[Queued] = []
    for order_id in await expired_unpaid_orders(utcnow()):
        try:
            async with atomic(Order._meta.db):
                await change_status(order_id, CANCELLED, cause=Cause.PAYMENT_TIMEOUT)
                await queue_expired(order_id, settings)
        except TransitionRefused:
            continue  # paid or cancelled in the meantime
        orders_log.info("order {} not paid in time: cancelled", order_id)
        released.append(Queued(order_id))
    return released
