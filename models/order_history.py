"""The history of an order's status: one row per move, written with the move.

`models.orders.change_status` and `record_payment` write a row in the same transaction
as the move itself (the order processor is their only caller), so the history never
says an order moved when it did not. A row says who moved it (`actor_id`, an admin's
Telegram id, or None for a payment or the payment timeout: `cause` tells which), when,
and what came with the move: a cancel's reason (`reason_code`, one of `CANCEL_REASONS`,
or a typed `reason_text`) and a shipment's `tracking` number. Orders placed before this
table existed have no rows: their history starts with their next move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from piccolo.columns import BigInt, BigSerial, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow

#: The common reasons to cancel an order, offered as buttons (a typed reason is the rest).
CANCEL_REASONS = ("out_of_stock", "customer_asked", "no_answer")
#: Longest typed cancel reason and tracking number (characters).
REASON_LENGTH = 300
TRACKING_LENGTH = 64


class OrderStatusChange(Table, tablename="order_status_changes"):
    id = BigSerial(primary_key=True)
    order_id = Integer(index=True)
    from_status = Varchar(length=16)
    to_status = Varchar(length=16)
    cause = Varchar(length=32)
    actor_id = BigInt(null=True, default=None)
    reason_code = Varchar(length=32, default="")
    reason_text = Text(default="")
    tracking = Varchar(length=TRACKING_LENGTH, default="")
    created_at = Timestamptz()


@dataclass(frozen=True, slots=True)
class MoveNote:
    """What an admin adds to a move: why it was cancelled, or how it travels. Empty
    strings say nothing."""

    reason_code: str = ""
    reason_text: str = ""
    tracking: str = ""

    def as_details(self) -> dict[str, str]:
        """The non-empty parts, for an audit row or a notice's details."""
        parts = {
            "reason_code": self.reason_code,
            "reason_text": self.reason_text,
            "tracking": self.tracking,
        }
        return {name: value for name, value in parts.items() if value}


@dataclass(frozen=True, slots=True)
class StatusMove:
    """One row of the history, as the card shows it."""

    previous: str
    current: str
    cause: str
    actor_id: int | None
    note: MoveNote
    created_at: datetime


async def record_status_change(
    order_id: int,
    previous: str,
    current: str,
    *,
    cause: str,
    actor_id: int | None = None,
    note: MoveNote | None = None,
) -> None:
    """Write one move; call it inside the move's transaction."""
    note = note or MoveNote()
    await OrderStatusChange.insert(
        OrderStatusChange(
            order_id=order_id,
            from_status=previous,
            to_status=current,
            cause=cause,
            actor_id=actor_id,
            reason_code=note.reason_code,
            reason_text=note.reason_text,
            tracking=note.tracking,
            created_at=utcnow(),
        )
    ).run()


async def list_status_changes(order_id: int) -> list[StatusMove]:
    """The order's moves, oldest first."""
    rows = await (
        OrderStatusChange.select()
        .where(OrderStatusChange.order_id == order_id)
        .order_by(OrderStatusChange.id)
        .run()
    )
    return [
        StatusMove(
            previous=str(row["from_status"]),
            current=str(row["to_status"]),
            cause=str(row["cause"]),
            actor_id=int(row["actor_id"]) if row["actor_id"] is not None else None,
            note=MoveNote(
                str(row["reason_code"] or ""),
                str(row["reason_text"] or ""),
                str(row["tracking"] or ""),
            ),
            created_at=row["created_at"],
        )
        for row in rows
    ]


async def latest_note(order_id: int, current: str) -> MoveNote:
    """What came with the order's latest move to `current` (empty if none)."""
    row = await (
        OrderStatusChange.select(
            OrderStatusChange.reason_code,
            OrderStatusChange.reason_text,
            OrderStatusChange.tracking,
        )
        .where(OrderStatusChange.order_id == order_id, OrderStatusChange.to_status == current)
        .order_by(OrderStatusChange.id, ascending=False)
        .first()
        .run()
    )
    if row is None:
        return MoveNote()
    return MoveNote(
        str(row["reason_code"] or ""), str(row["reason_text"] or ""), str(row["tracking"] or "")
    )
