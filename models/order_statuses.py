"""An order's life: its statuses and the one table of the moves between them.

    new -> confirmed -> paid (online payment only) -> shipped -> delivered
    new / confirmed / paid -> cancelled (the stock goes back)

Who may make a move is part of the rule: an admin confirms, ships, delivers and
cancels; only a payment makes an order paid; only the payment timeout cancels an unpaid
online order on its own. An order paid online is shipped only once it is paid; an order
paid on delivery goes from confirmed straight to shipped. Every status change in the
shop asks `may_move` first, so this table is the whole policy.
"""

from __future__ import annotations

import enum

NEW = "new"
CONFIRMED = "confirmed"
PAID = "paid"
SHIPPED = "shipped"
DELIVERED = "delivered"
CANCELLED = "cancelled"
STATUSES = (NEW, CONFIRMED, PAID, SHIPPED, DELIVERED, CANCELLED)
#: Orders in these states may still be cancelled (which puts their stock back).
CANCELLABLE = (NEW, CONFIRMED, PAID)
#: Orders in these states can take a payment.
PAYABLE = (NEW, CONFIRMED)

ONLINE = "online"  # a Telegram invoice, paid before shipping
ON_DELIVERY = "on_delivery"  # cash or card to the courier / at the pickup point
PAYMENT_METHODS = (ONLINE, ON_DELIVERY)


class Cause(enum.Enum):
    """What moves an order."""

    ADMIN = "admin"
    PAYMENT = "payment"
    PAYMENT_TIMEOUT = "payment_timeout"


_ADMIN_MOVES: dict[str, tuple[str, ...]] = {
    NEW: (CONFIRMED, CANCELLED),
    CONFIRMED: (SHIPPED, CANCELLED),
    PAID: (SHIPPED, CANCELLED),
    SHIPPED: (DELIVERED,),
}


def admin_moves(status: str, payment_method: str) -> tuple[str, ...]:
    """The statuses an admin may move an order to from `status`, in button order."""
    moves = _ADMIN_MOVES.get(status, ())
    if status == CONFIRMED and payment_method == ONLINE:
        return tuple(move for move in moves if move != SHIPPED)  # wait for the payment
    return moves


def may_move(current: str, target: str, *, payment_method: str, cause: Cause) -> bool:
    """Whether `cause` may move an order paid by `payment_method` from `current` to `target`."""
    if cause is Cause.ADMIN:
        return target in admin_moves(current, payment_method)
    unpaid_online = payment_method == ONLINE and current in PAYABLE
    if cause is Cause.PAYMENT:
        return unpaid_online and target == PAID
    return unpaid_online and target == CANCELLED
