"""Broadcasts and their per-recipient delivery progress.

A broadcast is composed as a `draft` row (the conversation's step is `compose_step`, so
composing survives a restart), becomes `running` when its author confirms it (a row in
the database before anything is sent), and ends `finished`, `cancelled` or `failed`;
`paused` waits for its author.

Recipients are queued server-side (`INSERT ... SELECT` over `users`, in keyset pages of
`users.id`) into `broadcast_deliveries`, one row per recipient, unique per broadcast and
user. Progress is persisted per recipient, so a restarted sender resumes with the
recipients still `pending` and nobody gets the same broadcast twice. Counters on the
broadcast move in the same transaction as the delivery rows they count.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
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
from models.users import User, mark_bot_blocked
from runtime.db_raw import fetch_rows
from runtime.db_transaction import atomic

DRAFT = "draft"
RUNNING = "running"
PAUSED = "paused"
CANCELLED = "cancelled"
FINISHED = "finished"
FAILED = "failed"
STATUSES = (DRAFT, RUNNING, PAUSED, CANCELLED, FINISHED, FAILED)
#: Statuses of a broadcast that has been confirmed and not ended yet.
ACTIVE = (RUNNING, PAUSED)
ENDED = (CANCELLED, FINISHED, FAILED)

PENDING = "pending"
SENT = "sent"
BLOCKED = "blocked"
DELIVERY_FAILED = "failed"
DELIVERY_STATUSES = (PENDING, SENT, BLOCKED, DELIVERY_FAILED)

#: Steps of the composing conversation (`compose_step` of a draft).
STEP_TEXT = "text"  # waiting for the text (or a photo with a caption)
STEP_BUTTON = "button"  # waiting for "label | url", or Skip
STEP_AUDIENCE = "audience"  # choosing the audience (a number of days may be typed)
STEP_CONFIRM = "confirm"  # preview shown, waiting for Confirm / Cancel
COMPOSE_STEPS = (STEP_TEXT, STEP_BUTTON, STEP_AUDIENCE, STEP_CONFIRM)
#: A draft untouched for this long is forgotten (its author's messages are theirs again).
DRAFT_LIFETIME = timedelta(days=1)

#: Rows per INSERT when queueing recipients: 3 parameters each, far below the 32767
#: parameters one statement may carry.
_CHUNK = 1000
#: Recipients queued per INSERT ... SELECT page (no rows travel through Python).
QUEUE_PAGE = 10_000


class Broadcast(Table, tablename="broadcasts"):
    id = Serial(primary_key=True)
    author_id = BigInt()
    text = Text()  # HTML (Kurigram's dialect): the formatting the author used
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
    compose_step = Varchar(length=16, null=True, default=None)
    progress_chat_id = BigInt(null=True, default=None)
    progress_message_id = Integer(null=True, default=None)
    queued_at = Timestamptz(null=True, default=None)
    error = Text(null=True, default=None)
    # A random number of this broadcast, mixed into its messages' `random_id`s so that
    # they differ from another database's broadcast of the same id (`new_nonce`).
    nonce = BigInt(default=0)


def new_nonce() -> int:
    """A random non-zero signed 64-bit number (a broadcast's or a notice's `nonce`)."""
    return secrets.randbits(63) or 1


class BroadcastDelivery(Table, tablename="broadcast_deliveries"):
    id = BigSerial(primary_key=True)
    broadcast = ForeignKey(
        Broadcast, null=False, on_delete=OnDelete.cascade, db_column_name="broadcast_id"
    )
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, db_column_name="user_id")
    status = Varchar(length=16, default=PENDING)
    error = Text(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)


# -- audience ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Audience:
    """Who gets a broadcast: every reachable user (not banned, not blocked), narrowed by
    any of: active in the last `active_days` days, has ordered, reads `language`."""

    active_days: int | None = None
    has_ordered: bool = False
    language: str | None = None

    @property
    def is_everyone(self) -> bool:
        return self.active_days is None and not self.has_ordered and self.language is None

    def as_json(self) -> dict[str, Any]:
        return {
            "active_days": self.active_days,
            "has_ordered": self.has_ordered,
            "language": self.language,
        }

    @classmethod
    def from_json(cls, value: object) -> Audience:
        data = json.loads(value) if isinstance(value, str | bytes) else value
        if not isinstance(data, Mapping):
            return cls()
        days = data.get("active_days")
        language = data.get("language")
        return cls(
            active_days=int(days) if isinstance(days, int) and days > 0 else None,
            has_ordered=bool(data.get("has_ordered")),
            language=language if isinstance(language, str) and language else None,
        )

    def where(self, now: datetime | None = None) -> tuple[str, list[Any]]:
        """SQL conditions on `users u` (Piccolo `{}` placeholders) and their values."""
        conditions = ["u.is_banned = false", "u.bot_blocked_at IS NULL"]
        values: list[Any] = []
        if self.active_days is not None:
            conditions.append("u.last_active_at >= {}")
            values.append((now or utcnow()) - timedelta(days=self.active_days))
        if self.language is not None:
            conditions.append("u.language = {}")
            values.append(self.language)
        if self.has_ordered:
            conditions.append("EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)")
        return " AND ".join(conditions), values


async def count_audience(audience: Audience) -> int:
    """How many users the audience names right now."""
    where, values = audience.where()
    rows = await fetch_rows(User, f"SELECT count(*) AS n FROM users u WHERE {where}", *values)
    return int(rows[0]["n"])


# -- composing --------------------------------------------------------------------------


async def open_draft(author_id: int) -> int:
    """A fresh draft for `author_id`, waiting for its text; their older drafts go."""
    await (
        Broadcast.delete().where(Broadcast.author_id == author_id, Broadcast.status == DRAFT).run()
    )
    return await create_broadcast(author_id, "", audience={}, compose_step=STEP_TEXT)


async def draft_of(author_id: int) -> Broadcast | None:
    """The author's draft being composed (at most one), if it is not stale."""
    return await (
        Broadcast.objects()
        .where(
            Broadcast.author_id == author_id,
            Broadcast.status == DRAFT,
            Broadcast.created_at >= utcnow() - DRAFT_LIFETIME,
        )
        .order_by(Broadcast.id, ascending=False)
        .first()
        .run()
    )


async def awaits_input(author_id: int) -> bool:
    """True when the author's draft waits for a typed message (text, button, days)."""
    rows = await (
        Broadcast.select(Broadcast.id)
        .where(
            Broadcast.author_id == author_id,
            Broadcast.status == DRAFT,
            Broadcast.compose_step.is_in([STEP_TEXT, STEP_BUTTON, STEP_AUDIENCE]),
            Broadcast.created_at >= utcnow() - DRAFT_LIFETIME,
        )
        .limit(1)
        .run()
    )
    return bool(rows)


async def update_draft(broadcast_id: int, **values: Any) -> None:
    """Change fields of a draft (`text`, `photo_file_id`, `button_text`, `button_url`,
    `audience` (an `Audience`), `compose_step`)."""
    changes: dict[Any, Any] = {}
    for name, value in values.items():
        column = Broadcast._meta.get_column_by_name(name)
        if name == "audience":
            audience = value.as_json() if isinstance(value, Audience) else value
            changes[column] = json.dumps(audience)
        else:
            changes[column] = value
    await (
        Broadcast.update(changes)
        .where(Broadcast.id == broadcast_id, Broadcast.status == DRAFT)
        .run()
    )


async def discard_draft(broadcast_id: int, author_id: int) -> bool:
    rows = await (
        Broadcast.delete()
        .where(
            Broadcast.id == broadcast_id,
            Broadcast.author_id == author_id,
            Broadcast.status == DRAFT,
        )
        .returning(Broadcast.id)
        .run()
    )
    return bool(rows)


async def confirm_broadcast(
    broadcast_id: int, author_id: int, *, progress_chat_id: int, progress_message_id: int
) -> bool:
    """Draft -> running, once (a second press finds no draft): the durable point after
    which the broadcast is sent, across restarts. False when it was not a draft."""
    rows = await (
        Broadcast.update(
            {
                Broadcast.status: RUNNING,
                Broadcast.compose_step: None,
                Broadcast.started_at: utcnow(),
                Broadcast.progress_chat_id: progress_chat_id,
                Broadcast.progress_message_id: progress_message_id,
            }
        )
        .where(
            Broadcast.id == broadcast_id,
            Broadcast.author_id == author_id,
            Broadcast.status == DRAFT,
        )
        .returning(Broadcast.id)
        .run()
    )
    return bool(rows)


# -- lifecycle --------------------------------------------------------------------------


async def create_broadcast(
    author_id: int,
    text: str,
    *,
    audience: Mapping[str, Any] | Audience,
    photo_file_id: str | None = None,
    button_text: str | None = None,
    button_url: str | None = None,
    compose_step: str | None = None,
    status: str = DRAFT,
) -> int:
    """A new broadcast (a draft unless `status` says); `audience` picks its recipients."""
    if status not in STATUSES:
        raise ValueError(f"unknown broadcast status {status!r}")
    if isinstance(audience, Audience):
        audience = audience.as_json()
    now = utcnow()
    broadcast = Broadcast(
        author_id=author_id,
        text=text,
        audience=json.dumps(dict(audience)),
        photo_file_id=photo_file_id,
        button_text=button_text,
        button_url=button_url,
        compose_step=compose_step,
        status=status,
        created_at=now,
        started_at=now if status == RUNNING else None,
        nonce=new_nonce(),
    )
    await broadcast.save().run()
    return int(broadcast.id)


async def get_broadcast(broadcast_id: int) -> Broadcast | None:
    return await Broadcast.objects().where(Broadcast.id == broadcast_id).first().run()


async def set_broadcast_status(
    broadcast_id: int,
    status: str,
    *,
    only_from: Sequence[str] | None = None,
    error: str | None = None,
) -> bool:
    """Move a broadcast to `status`, stamping `started_at`/`finished_at` as it goes.

    With `only_from`, the move happens only from those statuses (False otherwise), so
    a broadcast that ended is never revived by a late message."""
    if status not in STATUSES:
        raise ValueError(f"unknown broadcast status {status!r}")
    values: dict[Any, Any] = {Broadcast.status: status}
    if status in ENDED:
        values[Broadcast.finished_at] = utcnow()
    if error is not None:
        values[Broadcast.error] = error
    conditions = [Broadcast.id == broadcast_id]
    if only_from is not None:
        conditions.append(Broadcast.status.is_in(list(only_from)))
    async with atomic(Broadcast._meta.db):
        rows = await Broadcast.update(values).where(*conditions).returning(Broadcast.id).run()
        if rows and status == RUNNING:
            await (
                Broadcast.update({Broadcast.started_at: utcnow()})
                .where(Broadcast.id == broadcast_id, Broadcast.started_at.is_null())
                .run()
            )
    return bool(rows)


async def broadcasts_to_resume() -> list[int]:
    """Running broadcasts (the sender resumes them when it starts), oldest first."""
    rows = await (
        Broadcast.select(Broadcast.id)
        .where(Broadcast.status == RUNNING)
        .order_by(Broadcast.id)
        .run()
    )
    return [int(row["id"]) for row in rows]


# -- recipients -------------------------------------------------------------------------


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
        total = await _count_deliveries(broadcast_id)
        await Broadcast.update({Broadcast.total: total}).where(Broadcast.id == broadcast_id).run()
    return total


async def _count_deliveries(broadcast_id: int) -> int:
    return int(
        await BroadcastDelivery.count().where(BroadcastDelivery.broadcast == broadcast_id).run()
    )


async def queue_audience_page(
    broadcast_id: int, audience: Audience, *, page: int = QUEUE_PAGE
) -> int:
    """Queue the next page of the audience: users after the highest one queued so far,
    in `users.id` order, inserted by the database itself (`INSERT ... SELECT`). Returns
    how many were queued; fewer than `page` means the audience is fully queued.

    Resumable: a page is one statement, and the next page starts after the highest
    `user_id` already queued for this broadcast (the unique index answers that)."""
    last = await fetch_rows(
        BroadcastDelivery,
        "SELECT max(user_id) AS last FROM broadcast_deliveries WHERE broadcast_id = {}",
        broadcast_id,
    )
    after = int(last[0]["last"] or 0)
    where, values = audience.where()
    rows = await fetch_rows(
        BroadcastDelivery,
        "INSERT INTO broadcast_deliveries (broadcast_id, user_id, status)"
        " SELECT CAST({} AS INTEGER), u.id, 'pending' FROM users u"
        f" WHERE u.id > {{}} AND {where}"
        " ORDER BY u.id LIMIT {}"
        " ON CONFLICT (broadcast_id, user_id) DO NOTHING"
        " RETURNING user_id",
        broadcast_id,
        after,
        *values,
        page,
    )
    if rows:
        await (
            Broadcast.update({Broadcast.total: Broadcast.total + len(rows)})
            .where(Broadcast.id == broadcast_id)
            .run()
        )
    return len(rows)


async def finish_queueing(broadcast_id: int) -> int:
    """Every recipient is queued: fix `total` from the rows and stamp `queued_at`."""
    async with atomic(Broadcast._meta.db):
        total = await _count_deliveries(broadcast_id)
        await (
            Broadcast.update({Broadcast.total: total, Broadcast.queued_at: utcnow()})
            .where(Broadcast.id == broadcast_id)
            .run()
        )
    return total


@dataclass(frozen=True, slots=True)
class Recipient:
    delivery_id: int
    user_id: int
    telegram_id: int
    is_banned: bool = False
    bot_blocked: bool = False
    access_hash: int | None = None  # `users.access_hash`: sent to without a lookup


async def next_pending(broadcast_id: int, limit: int = 100, *, after: int = 0) -> list[Recipient]:
    """The next pending recipients after delivery id `after`, in queue order (one keyset
    page, served by the partial index on pending deliveries)."""
    rows = await (
        BroadcastDelivery.select(
            BroadcastDelivery.id,
            BroadcastDelivery.user.as_alias("user_id"),
            BroadcastDelivery.user.telegram_id.as_alias("telegram_id"),
            BroadcastDelivery.user.is_banned.as_alias("is_banned"),
            BroadcastDelivery.user.bot_blocked_at.as_alias("bot_blocked_at"),
            BroadcastDelivery.user.access_hash.as_alias("access_hash"),
        )
        .where(
            BroadcastDelivery.broadcast == broadcast_id,
            BroadcastDelivery.status == PENDING,
            BroadcastDelivery.id > after,
        )
        .order_by(BroadcastDelivery.id)
        .limit(limit)
        .run()
    )
    return [
        Recipient(
            row["id"],
            row["user_id"],
            row["telegram_id"],
            bool(row["is_banned"]),
            row["bot_blocked_at"] is not None,
            None if row["access_hash"] is None else int(row["access_hash"]),
        )
        for row in rows
    ]


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
        await (
            Broadcast.update({counter: counter + 1})
            .where(Broadcast.id == rows[0]["broadcast_id"])
            .run()
        )
    return True


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one recipient: `SENT`, `BLOCKED` or `DELIVERY_FAILED`."""

    delivery_id: int
    telegram_id: int
    status: str
    error: str | None = None


async def record_outcomes(broadcast_id: int, outcomes: Sequence[Outcome]) -> Counter[str]:
    """Record many recipients' outcomes in one transaction: each pending delivery moves
    once, the broadcast's counters move by what actually moved, and blocked users are
    marked (`bot_blocked_at`) so later broadcasts skip them. Returns what moved."""
    moved: Counter[str] = Counter()
    if not outcomes:
        return moved
    groups: dict[tuple[str, str | None], list[Outcome]] = {}
    for outcome in outcomes:
        if outcome.status not in _COUNTERS:
            raise ValueError(f"not a final delivery status: {outcome.status!r}")
        groups.setdefault((outcome.status, outcome.error), []).append(outcome)
    now = utcnow()
    async with atomic(BroadcastDelivery._meta.db):
        for (status, error), group in groups.items():
            for start in range(0, len(group), _CHUNK):
                chunk = group[start : start + _CHUNK]
                rows = await (
                    BroadcastDelivery.update(
                        {
                            BroadcastDelivery.status: status,
                            BroadcastDelivery.error: error,
                            BroadcastDelivery.sent_at: now if status == SENT else None,
                        }
                    )
                    .where(
                        BroadcastDelivery.id.is_in([o.delivery_id for o in chunk]),
                        BroadcastDelivery.status == PENDING,
                    )
                    .returning(BroadcastDelivery.id)
                    .run()
                )
                if rows:
                    moved[status] += len(rows)
                if status == BLOCKED:
                    done = {row["id"] for row in rows}
                    for outcome in chunk:
                        if outcome.delivery_id in done:
                            await mark_bot_blocked(outcome.telegram_id, now)
        changes: dict[Any, Any] = {_COUNTERS[s]: _COUNTERS[s] + n for s, n in moved.items() if n}
        if changes:
            await Broadcast.update(changes).where(Broadcast.id == broadcast_id).run()
    return moved


# -- history ----------------------------------------------------------------------------


async def history_page(offset: int, limit: int) -> tuple[list[Broadcast], int]:
    """Confirmed broadcasts, newest first, and how many there are in all."""
    confirmed = Broadcast.status != DRAFT
    rows = await (
        Broadcast.objects()
        .where(confirmed)
        .order_by(Broadcast.id, ascending=False)
        .offset(offset)
        .limit(limit)
        .run()
    )
    total = await Broadcast.count().where(confirmed).run()
    return list(rows), int(total)


async def names_of(telegram_ids: Iterable[int]) -> dict[int, str]:
    """Display names of users by Telegram id (for authors in the history)."""
    ids = sorted(set(telegram_ids))
    if not ids:
        return {}
    rows = await (
        User.select(User.telegram_id, User.first_name, User.username)
        .where(User.telegram_id.is_in(ids))
        .run()
    )
    names = {}
    for row in rows:
        name = row["first_name"] or ""
        if row["username"]:
            name = f"{name} @{row['username']}".strip()
        names[int(row["telegram_id"])] = name or str(row["telegram_id"])
    return names


async def language_of(telegram_id: int) -> str | None:
    row = await User.select(User.language).where(User.telegram_id == telegram_id).first().run()
    return None if row is None else str(row["language"])
