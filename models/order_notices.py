"""The ledger of order notices: one row per (order, notice, recipient) and its state.

Persist first, once on the wire (DESIGN.md): whatever an order's change must tell people
(the customer, each admin) is written here in the same transaction as the change itself
(`queue_notices` inside the caller's `atomic`), so a crash or kill -9 between the change
and the sending loses nothing. The order processor then sends the `pending` rows of an
order one at a time, oldest first (so a customer never reads "shipped" before
"confirmed"), and marks each `sent` or `failed`. Each row has its own random `nonce`,
mixed into the message's `random_id`: a re-send after a crash is recognised by Telegram
as the same message, and another database (fresh, or restored from a backup) that
numbers its orders from 1 again never sends a `random_id` Telegram has seen.

Writing a notice twice is a no-op (unique on order, kind and recipient). `attempts`
counts the sends begun, so a notice that crashes the sender every time is given up
after `MAX_ATTEMPTS` instead of crash-looping it.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from piccolo.columns import JSON, BigInt, BigSerial, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow
from models.orders import Order
from runtime.db_raw import fetch_rows
from runtime.db_rows import insert_rows
from runtime.db_transaction import atomic

PENDING = "pending"
SENT = "sent"
FAILED = "failed"
STATES = (PENDING, SENT, FAILED)

#: Sends begun (a crash or kill -9 mid-send counts) before a notice is given up.
MAX_ATTEMPTS = 8


class OrderNotice(Table, tablename="order_notices"):
    """`kind` names what is said (see `actors.orders.notices`); `recipient` is a Telegram
    chat id; `details` what the text needs besides the order as it is when sent."""

    id = BigSerial(primary_key=True)
    order_id = Integer()
    kind = Varchar(length=320)
    recipient = BigInt()
    details = JSON(default="{}")
    state = Varchar(length=16, default=PENDING)
    nonce = BigInt(default=0)
    attempts = Integer(default=0)
    error = Text(null=True, default=None)
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None)


@dataclass(frozen=True, slots=True)
class NoticeSpec:
    """A notice to write: what (`kind`), about which order, to whom."""

    order_id: int
    kind: str
    recipient: int
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PendingNotice:
    """A ledger row to send (`attempts` includes the send about to begin)."""

    id: int
    order_id: int
    kind: str
    recipient: int
    details: Mapping[str, Any]
    nonce: int
    attempts: int


async def queue_notices(notices: Sequence[NoticeSpec]) -> None:
    """Write `notices` as pending, skipping any written before. Call it inside the
    transaction of the change that causes them. One plain INSERT (a burst of orders
    writes hundreds at once: Piccolo's objects were most of the order processor's CPU)."""
    if not notices:
        return
    now = utcnow()
    rows = [
        (
            notice.order_id,
            notice.kind,
            notice.recipient,
            json.dumps(dict(notice.details)),
            PENDING,
            secrets.randbits(63) or 1,
            0,
            now,
        )
        for notice in notices
    ]
    async with atomic(OrderNotice._meta.db):
        await insert_rows(OrderNotice, _NOTICE_COLUMNS, rows, skip_duplicates=True)


_NOTICE_COLUMNS = (
    "order_id",
    "kind",
    "recipient",
    "details",
    "state",
    "nonce",
    "attempts",
    "created_at",
)


#: Counts an attempt of the order's oldest pending notice and returns it. Parameters:
#: the order, PENDING, then those of `extra` (more conditions on the notice).
_CLAIM = (
    "UPDATE order_notices SET attempts = attempts + 1 WHERE id = ("
    " SELECT id FROM order_notices WHERE order_id = {{}} AND state = {{}}{extra}"
    " ORDER BY id LIMIT 1)"
    " RETURNING id, order_id, kind, recipient, details, nonce, attempts"
)
#: `_CLAIM` of the order's oldest pending notice (`models.order_views` reads its order
#: in the same statement).
CLAIM_NEXT_SQL = _CLAIM.format(extra="")
_MARK_SENT = (
    "UPDATE order_notices SET state = {}, sent_at = {}, error = {} WHERE id = {} AND state = {}"
)
#: `_MARK_SENT`, then the claim of the order's next notice, skipping the one just marked
#: (the statement's snapshot still sees it pending). PostgreSQL runs a CTE's UPDATE
#: whether or not anything refers to it.
_MARK_SENT_CLAIM_NEXT = f"WITH done AS ({_MARK_SENT} RETURNING id) " + _CLAIM.format(
    extra=" AND id <> {}"
)


async def claim_next(order_id: int) -> PendingNotice | None:
    """The oldest pending notice of the order, its attempt counted first; None when
    there is none. Only one sender per order may call this at a time. One statement
    (a notice is sent per order placed: this is on the path of every burst of orders)."""
    rows = await fetch_rows(OrderNotice, CLAIM_NEXT_SQL, order_id, PENDING)
    return pending_notice(rows[0]) if rows else None


async def mark_sent(notice_id: int, *, note: str | None = None) -> None:
    """Telegram has it (`note`: e.g. it answered that it had it already)."""
    await fetch_rows(OrderNotice, _MARK_SENT, SENT, utcnow(), note, notice_id, PENDING)


async def mark_sent_and_claim_next(
    notice: PendingNotice, *, note: str | None = None
) -> PendingNotice | None:
    """`mark_sent(notice.id)`, then `claim_next(notice.order_id)`: one statement on
    PostgreSQL (a sender's every notice but the last), two on SQLite."""
    if OrderNotice._meta.db.engine_type != "postgres":
        await mark_sent(notice.id, note=note)
        return await claim_next(notice.order_id)
    rows = await fetch_rows(
        OrderNotice,
        _MARK_SENT_CLAIM_NEXT,
        SENT,
        utcnow(),
        note,
        notice.id,
        PENDING,
        notice.order_id,
        PENDING,
        notice.id,
    )
    return pending_notice(rows[0]) if rows else None


def pending_notice(row: Mapping[str, Any]) -> PendingNotice:
    details = row["details"]
    return PendingNotice(
        id=int(row["id"]),
        order_id=int(row["order_id"]),
        kind=str(row["kind"]),
        recipient=int(row["recipient"]),
        details=json.loads(details) if isinstance(details, str | bytes) else dict(details),
        nonce=int(row["nonce"]),
        attempts=int(row["attempts"]),
    )


async def mark_failed(notice_id: int, error: str) -> None:
    """Never to be sent: the recipient cannot be reached, or Telegram refused it."""
    await (
        OrderNotice.update({OrderNotice.state: FAILED, OrderNotice.error: error})
        .where(OrderNotice.id == notice_id, OrderNotice.state == PENDING)
        .run()
    )


async def orders_with_pending_notices() -> list[int]:
    """Orders that have notices still to send, oldest notice first."""
    rows = await fetch_rows(
        OrderNotice,
        "SELECT order_id FROM order_notices WHERE state = 'pending'"
        " GROUP BY order_id ORDER BY min(id)",
    )
    return [int(row["order_id"]) for row in rows]


async def list_notices(order_id: int) -> list[OrderNotice]:
    """Every notice of an order, in the order they were written."""
    return await (
        OrderNotice.objects().where(OrderNotice.order_id == order_id).order_by(OrderNotice.id).run()
    )


@dataclass(frozen=True, slots=True)
class OrderParties:
    """Who hears about an order: its customer's chat (None if unknown) and how it is paid."""

    customer_chat: int | None
    payment_method: str


async def parties_of(order_id: int) -> OrderParties | None:
    """The customer's chat and the payment method of an order; None if there is no such
    order."""
    order = await (
        Order.select(Order.user.telegram_id.as_alias("chat"), Order.payment_method)
        .where(Order.id == order_id)
        .first()
        .run()
    )
    if order is None:
        return None
    chat = order["chat"]
    return OrderParties(int(chat) if chat is not None else None, str(order["payment_method"]))
