"""Broadcasts and their per-recipient delivery progress.

Progress is persisted per recipient (`broadcast_deliveries`, unique per broadcast and
user), so a restarted sender resumes with the recipients still `pending` and nobody gets
the same broadcast twice. Counters on the broadcast move in the same transaction as the
delivery row they count.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from piccolo.columns import (
    JSON,
    BigInt,
    BigSerial,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from models.clock import utcnow
from models.users import User
from runtime.db_transaction import atomic

DRAFT = "draft"
RUNNING = "running"
PAUSED = "paused"
CANCELLED = "cancelled"
FINISHED = "finished"
FAILED = "failed"
STATUSES = (DRAFT, RUNNING, PAUSED, CANCELLED, FINISHED, FAILED)

PENDING = "pending"
SENT = "sent"
BLOCKED = "blocked"
DELIVERY_FAILED = "failed"
DELIVERY_STATUSES = (PENDING, SENT, BLOCKED, DELIVERY_FAILED)

#: Rows per INSERT when queueing recipients: 3 parameters each, far below the 32767
#: parameters one statement may carry.
_CHUNK = 1000


class Broadcast(Table, tablename="broadcasts"):
    id = Serial(primary_key=True)
    author_id = BigInt()
    text = Text()
    photo_file_id = Varchar(length=255, null=True, default=None)
    button_text = Varchar(length=64, null=True, default=None)
    button_url = Varchar(length=512, null=True, default=None)
    audience = JSON(default="{}")
    status = Varchar(length=16, default=DRAFT)
    total = Integer(default=0)
    sent = Integer(default=0)
    blocked = Integer(default=0)
    failed = Integer(default=0)
    created_at = Timestamptz()
    started_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)


class BroadcastDelivery(Table, tablename="broadcast_deliveries"):
    id = BigSerial(primary_key=True)
    broadcast = ForeignKey(
        Broadcast, null=False, on_delete=OnDelete.cascade, db_column_name="broadcast_id"
    )
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, db_column_name="user_id")
    status = Varchar(length=16, default=PENDING)
    error = Text(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)


@dataclass(frozen=True, slots=True)
class Recipient:
    delivery_id: int
    user_id: int
    telegram_id: int


async def create_broadcast(
    author_id: int,
    text: str,
    *,
    audience: Mapping[str, Any],
    photo_file_id: str | None = None,
    button_text: str | None = None,
    button_url: str | None = None,
) -> int:
    """A new draft broadcast; `audience` is the filter that picks its recipients."""
    broadcast = Broadcast(
        author_id=author_id,
        text=text,
        audience=json.dumps(dict(audience)),
        photo_file_id=photo_file_id,
        button_text=button_text,
        button_url=button_url,
        created_at=utcnow(),
    )
    await broadcast.save().run()
    return int(broadcast.id)


async def get_broadcast(broadcast_id: int) -> Broadcast | None:
    return await Broadcast.objects().where(Broadcast.id == broadcast_id).first().run()


async def set_broadcast_status(broadcast_id: int, status: str) -> None:
    """Move a broadcast to `status`, stamping `started_at`/`finished_at` as it goes."""
    if status not in STATUSES:
        raise ValueError(f"unknown broadcast status {status!r}")
    values: dict[Any, Any] = {Broadcast.status: status}
    if status == RUNNING:
        await Broadcast.update({Broadcast.started_at: utcnow()}).where(
            Broadcast.id == broadcast_id, Broadcast.started_at.is_null()
        ).run()
    elif status in (CANCELLED, FINISHED, FAILED):
        values[Broadcast.finished_at] = utcnow()
    await Broadcast.update(values).where(Broadcast.id == broadcast_id).run()


async def queue_recipients(broadcast_id: int, user_ids: Iterable[int]) -> int:
    """Add recipients (users.id) as pending deliveries, skipping ones already queued;
    set the broadcast's `total`. Returns the total."""
    async with atomic(Broadcast._meta.db):
        ids = iter(user_ids)
        while chunk := list(islice(ids, _CHUNK)):
            await (
                BroadcastDelivery.insert(
                    *(BroadcastDelivery(broadcast=broadcast_id, user=uid) for uid in chunk)
                )
                .on_conflict(action="DO NOTHING")
                .run()
            )
        total = await BroadcastDelivery.count().where(
            BroadcastDelivery.broadcast == broadcast_id
        ).run()
        await Broadcast.update({Broadcast.total: total}).where(
            Broadcast.id == broadcast_id
        ).run()
    return int(total)


async def next_pending(broadcast_id: int, limit: int = 100) -> list[Recipient]:
    """The next pending recipients, in queue order."""
    rows = await (
        BroadcastDelivery.select(
            BroadcastDelivery.id,
            BroadcastDelivery.user.as_alias("user_id"),
            BroadcastDelivery.user.telegram_id.as_alias("telegram_id"),
        )
        .where(
            BroadcastDelivery.broadcast == broadcast_id,
            BroadcastDelivery.status == PENDING,
        )
        .order_by(BroadcastDelivery.id)
        .limit(limit)
        .run()
    )
    return [Recipient(row["id"], row["user_id"], row["telegram_id"]) for row in rows]


_COUNTERS = {SENT: Broadcast.sent, BLOCKED: Broadcast.blocked, DELIVERY_FAILED: Broadcast.failed}


async def record_delivery(
    delivery_id: int, status: str, *, error: str | None = None, at: datetime | None = None
) -> bool:
    """Record one recipient's outcome and bump the matching counter, once: False when
    the delivery was not pending any more."""
    counter = _COUNTERS.get(status)
    if counter is None:
        raise ValueError(f"not a final delivery status: {status!r}")
    async with atomic(BroadcastDelivery._meta.db):
        rows = await (
            BroadcastDelivery.update(
                {
                    BroadcastDelivery.status: status,
                    BroadcastDelivery.error: error,
                    BroadcastDelivery.sent_at: (at or utcnow()) if status == SENT else None,
                }
            )
            .where(BroadcastDelivery.id == delivery_id, BroadcastDelivery.status == PENDING)
            .returning(BroadcastDelivery.broadcast)
            .run()
        )
        if not rows:
            return False
        await Broadcast.update({counter: counter + 1}).where(
            Broadcast.id == rows[0]["broadcast_id"]
        ).run()
    return True
