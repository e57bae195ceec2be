"""Placing the order of a checkout: the `PlaceOrder` part of the order processor.

The checkout was stored with the step `placing` and the chosen lines before the message
was sent, so this works from the database alone: the same key again (a duplicate
message, or the scan for waiting checkouts) finds the order already written, or the
checkout still waiting. The order and the checkout's deletion are one transaction.

An order the database refuses (`runtime.db_refusals`: a NUL byte, a value too long for
its column, a violated constraint) would fail the same way at every attempt: its
checkout goes back to the summary (not `placing`, so it is never replayed) and the
result is `Failed`. Any other error (a lost connection...) propagates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from loguru import logger

from actors.names import ORDER_PROCESSOR
from actors.orders.notices import queue_placed
from bot.checkout.flow import SUMMARY
from bot.shop.card import variant_label
from config import Settings
from models.checkout import (
    PLACING,
    Checkout,
    delete_checkout,
    fail_placing,
    get_checkout_by_key,
)
from models.clock import utcnow
from models.order_statuses import ON_DELIVERY, ONLINE
from models.orders import (
    DeliveryDetails,
    EmptyOrder,
    InsufficientStock,
    ItemUnavailable,
    Order,
    OrderLine,
    order_for_checkout,
    place_order,
    variant_name,
)
from models.users import users_id_of
from runtime.database import atomic
from runtime.db_refusals import REFUSED_DATA, refusal_reason

orders_log = logger.bind(actor=ORDER_PROCESSOR)


@dataclass(frozen=True)
class Placed:
    order_id: int
    announced: bool  # its notices to the customer and the admins are in the ledger
    fresh: bool = False  # placed just now (its stock was taken by this call)


@dataclass(frozen=True)
class Refused:
    telegram_id: int
    reason: str  # the text key telling the shopper why
    item: str = ""  # the item it is about


@dataclass(frozen=True)
class Failed:
    """The database refused the order's data: the checkout is back at its summary."""

    telegram_id: int
    checkout_key: str
    reason: str  # the database's error, for the admins (not shown to the shopper)


Placement = Placed | Refused | Failed | None  # None: nothing (left) to do for this key


def chosen_lines(checkout: Checkout) -> list[OrderLine]:
    """The lines stored at confirmation; malformed data counts as none."""
    stored: Any = checkout.data.get("lines")
    lines: list[OrderLine] = []
    for entry in stored if isinstance(stored, list) else []:
        if (
            isinstance(entry, list)
            and len(entry) == 2
            and all(isinstance(number, int) and number > 0 for number in entry)
        ):
            lines.append(OrderLine(entry[0], entry[1]))
    return lines


def delivery_details(checkout: Checkout) -> DeliveryDetails:
    return DeliveryDetails(
        customer_name=checkout.value("name"),
        phone=checkout.value("phone"),
        method=checkout.value("delivery"),
        address=checkout.value("address"),
        comment=checkout.value("comment"),
    )


async def _item(variant_id: int) -> str:
    named = await variant_name(variant_id)
    if named is None:
        return "—"
    title, size, colour = named
    return f"{title}, {variant_label(size, colour)}"


async def place(checkout_key: str, settings: Settings) -> Placement:
    """Write the order of checkout `checkout_key`, or say why it cannot be placed."""
    checkout = await get_checkout_by_key(checkout_key)
    if checkout is None or checkout.step != PLACING:
        existing = await order_for_checkout(checkout_key)
        if existing is None:
            return None  # cancelled before it was confirmed, or refused already
        return Placed(int(existing.id), announced=existing.announced_at is not None)
    user_id = await users_id_of(checkout.telegram_id)
    online = settings.takes_online_payments
    try:
        if user_id is None:
            raise EmptyOrder(f"shopper {checkout.telegram_id} is not recorded")
        async with atomic(Order._meta.db):
            order_id = await place_order(
                user_id,
                delivery_details(checkout),
                lines=chosen_lines(checkout),
                currency=settings.currency,
                checkout_key=checkout_key,
                payment_method=ONLINE if online else ON_DELIVERY,
                payment_due_at=utcnow() + timedelta(minutes=settings.order_payment_timeout),
            )
            await delete_checkout(checkout_key)
            await queue_placed(order_id, settings)  # its notices, in the same transaction
    except InsufficientStock as short:
        refused = Refused(checkout.telegram_id, "orders.sold_out", await _item(short.variant_id))
    except ItemUnavailable as gone:
        refused = Refused(checkout.telegram_id, "orders.unavailable", await _item(gone.variant_id))
    except EmptyOrder:
        refused = Refused(checkout.telegram_id, "orders.nothing_to_order")
    except REFUSED_DATA as error:
        return await _fail(checkout, error)
    else:
        orders_log.info("order {} placed by {}", order_id, checkout.telegram_id)
        return Placed(order_id, announced=True, fresh=True)
    await delete_checkout(checkout_key)
    orders_log.info("order of {} refused: {}", checkout.telegram_id, refused.reason)
    return refused


async def _fail(checkout: Checkout, error: Exception) -> Failed:
    """Record that the order of `checkout` cannot be placed (see the module docstring)."""
    reason = refusal_reason(error)
    orders_log.opt(exception=error).error(
        "order of {} refused by the database: {}", checkout.telegram_id, reason
    )
    try:
        await fail_placing(checkout.key, SUMMARY, reason)
    except REFUSED_DATA:
        # Even its record is refused: forget the checkout rather than replay it for ever.
        await delete_checkout(checkout.key)
    return Failed(checkout.telegram_id, checkout.key, reason)
