"""Checkout conversations, persisted so they survive a restart of the bot.

One row per shopper in checkout (`telegram_id` unique): the step they are at and what
they have answered so far (`data`, JSON). `key` names one conversation: buttons carry
it, so a button of an earlier checkout does nothing, and it becomes the order's
`checkout_key`, which makes placing the order idempotent. A conversation whose step is
`placing` is a request to the order processor, kept until the order is written (the
same transaction deletes it), so a crash never loses it; the processor finds it by
itself (a partial index keeps that scan cheap). An order the database refuses sends its
conversation back to the summary (`fail_placing`), so it is never replayed.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from piccolo.columns import JSON, BigInt, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow
from runtime.db_raw import fetch_rows

PLACING = "placing"


class CheckoutSession(Table, tablename="checkout_sessions"):
    id = Serial(primary_key=True)
    telegram_id = BigInt(unique=True)
    key = Varchar(length=24, unique=True)
    step = Varchar(length=16)
    data = JSON(default="{}")
    updated_at = Timestamptz()


#: The columns a `Checkout` is made of.
_COLUMNS = (
    CheckoutSession.telegram_id,
    CheckoutSession.key,
    CheckoutSession.step,
    CheckoutSession.data,
)


@dataclass(frozen=True)
class Checkout:
    """One shopper's checkout as stored: the step and the answers so far."""

    telegram_id: int
    key: str
    step: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def value(self, name: str) -> str:
        stored = self.data.get(name)
        return stored if isinstance(stored, str) else ""


def new_key() -> str:
    """16 URL-safe characters: fits callback data and `orders.checkout_key`."""
    return secrets.token_urlsafe(12)


async def start_checkout(telegram_id: int, step: str, data: Mapping[str, Any]) -> Checkout | None:
    """Begin a new conversation for the shopper, replacing an earlier one; None (and
    nothing changed) while an earlier one's order is being placed."""
    checkout = Checkout(telegram_id, new_key(), step, dict(data))
    rows = await fetch_rows(
        CheckoutSession,
        "INSERT INTO checkout_sessions (telegram_id, key, step, data, updated_at)"
        " VALUES ({}, {}, {}, {}, {}) ON CONFLICT (telegram_id) DO UPDATE SET"
        " key = excluded.key, step = excluded.step, data = excluded.data,"
        " updated_at = excluded.updated_at WHERE checkout_sessions.step <> {} RETURNING id",
        telegram_id,
        checkout.key,
        step,
        json.dumps(dict(data)),
        utcnow(),
        PLACING,
    )
    return checkout if rows else None


async def get_checkout(telegram_id: int) -> Checkout | None:
    rows = await fetch_rows(
        CheckoutSession,
        "SELECT telegram_id, key, step, data FROM checkout_sessions WHERE telegram_id = {}",
        telegram_id,
    )
    return _checkout(rows[0]) if rows else None


async def get_checkout_by_key(key: str) -> Checkout | None:
    row = await CheckoutSession.select(*_COLUMNS).where(CheckoutSession.key == key).first()
    return _checkout(row) if row is not None else None


async def save_checkout(checkout: Checkout) -> bool:
    """Store the step and answers of this conversation; False when it is over (ended,
    or replaced by a newer one)."""
    rows = await fetch_rows(
        CheckoutSession,
        "UPDATE checkout_sessions SET step = {}, data = {}, updated_at = {}"
        " WHERE key = {} AND step <> {} RETURNING id",
        checkout.step,
        json.dumps(dict(checkout.data)),
        utcnow(),
        checkout.key,
        PLACING,
    )
    return bool(rows)


async def end_checkout(telegram_id: int) -> bool:
    """Forget the shopper's conversation unless its order is being placed; False when
    there was none to forget."""
    rows = await fetch_rows(
        CheckoutSession,
        "DELETE FROM checkout_sessions WHERE telegram_id = {} AND step <> {} RETURNING id",
        telegram_id,
        PLACING,
    )
    return bool(rows)


async def delete_checkout(key: str) -> None:
    """Remove a conversation whatever its step (the order processor, once it is done)."""
    await CheckoutSession.delete().where(CheckoutSession.key == key).run()


async def get_checkouts_by_keys(keys: Sequence[str]) -> dict[str, Checkout]:
    """The conversations of these keys that still exist, by key (the order processor's
    batch: one read for many `PlaceOrder`s)."""
    if not keys:
        return {}
    rows = await (
        CheckoutSession.select(*_COLUMNS).where(CheckoutSession.key.is_in(list(keys))).run()
    )
    return {str(row["key"]): _checkout(row) for row in rows}


async def delete_checkouts(keys: Sequence[str]) -> None:
    """Remove these conversations whatever their step (a batch of orders is done)."""
    if keys:
        await CheckoutSession.delete().where(CheckoutSession.key.is_in(list(keys))).run()


async def fail_placing(key: str, back_to: str, reason: str) -> Checkout | None:
    """A `placing` conversation whose order could not be placed, moved back to the step
    `back_to` (where the shopper can edit the answers) without its chosen lines and with
    `placement_failed` saying why; None when it is not placing (any more)."""
    checkout = await get_checkout_by_key(key)
    if checkout is None or checkout.step != PLACING:
        return None
    data = {name: value for name, value in checkout.data.items() if name != "lines"}
    data["placement_failed"] = reason
    rows = await (
        CheckoutSession.update(
            {
                CheckoutSession.step: back_to,
                CheckoutSession.data: json.dumps(data),
                CheckoutSession.updated_at: utcnow(),
            }
        )
        .where(CheckoutSession.key == key, CheckoutSession.step == PLACING)
        .returning(CheckoutSession.id)
        .run()
    )
    return Checkout(checkout.telegram_id, key, back_to, data) if rows else None


async def checkouts_placing(confirmed_before: datetime | None = None) -> list[Checkout]:
    """Conversations waiting for their order to be placed, oldest first; only those
    confirmed before `confirmed_before` when it is given."""
    query = CheckoutSession.select(*_COLUMNS).where(CheckoutSession.step == PLACING)
    if confirmed_before is not None:
        query = query.where(CheckoutSession.updated_at < confirmed_before)
    rows = await query.order_by(CheckoutSession.updated_at).run()
    return [_checkout(row) for row in rows]


def _checkout(row: Mapping[str, Any]) -> Checkout:
    """A conversation from its row's columns (a plain dict: the hot reads and writes are
    plain SQL, one statement each, the same on PostgreSQL and SQLite)."""
    data = row["data"]
    parsed = json.loads(data) if isinstance(data, str | bytes) else data
    return Checkout(
        int(row["telegram_id"]),
        str(row["key"]),
        str(row["step"]),
        parsed if isinstance(parsed, dict) else {},
    )
