"""Back in stock: a shopper's wait for a sold-out variant, and its one notice.

A wait is one row per (shopper, variant) (unique index). Its life:

* `create_wait`: the shopper pressed "Notify me" on a sold-out size (`due_at` and
  `notified_at` empty). Waiting again after a notice starts a new wait in the same row.
* `mark_due`: the variant's stock went from 0 to more. Persist first: this is written
  right after the stock change, before anything is sent, and a catch-up at every start
  (`mark_due_in_stock`) marks the waits of variants in stock that a crash left unmarked.
* `claim_due` / `mark_notified`: the broadcast sender sends each due wait once, with a
  `random_id` derived from the row's own random `nonce` (a re-send after a crash is the
  same message to Telegram), then clears the wait (`notified_at`, and `error` when it
  could not be delivered). `attempts` counts the sends begun, so a wait whose send
  crashes every time is given up after `MAX_ATTEMPTS`.
* `cancel_wait`: the shopper no longer waits (the row goes).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from piccolo.columns import BigInt, BigSerial, Integer, Text, Timestamptz
from piccolo.table import Table

from models.catalogue import Product, ProductVariant
from models.clock import utcnow
from models.users import DEFAULT_LANGUAGE, User
from runtime.db_transaction import atomic

#: Sends begun (a crash or kill -9 mid-send counts) before a wait is given up.
MAX_ATTEMPTS = 5
#: Most waits one shopper may hold at once (each is a row and a future message).
MAX_WAITS_PER_SHOPPER = 50


class StockWait(Table, tablename="stock_waits"):
    id = BigSerial(primary_key=True)
    telegram_id = BigInt()  # the shopper
    variant_id = Integer()
    created_at = Timestamptz()
    due_at = Timestamptz(null=True, default=None)  # the variant came back: to notify
    nonce = BigInt(default=0)
    attempts = Integer(default=0)
    notified_at = Timestamptz(null=True, default=None)
    error = Text(null=True, default=None)


class TooManyWaits(Exception):
    """Raised when a shopper already holds `MAX_WAITS_PER_SHOPPER` waits."""

    def __init__(self, telegram_id: int) -> None:
        super().__init__(f"shopper {telegram_id} holds {MAX_WAITS_PER_SHOPPER} waits already")
        self.telegram_id = telegram_id


def _nonce() -> int:
    return secrets.randbits(63) or 1


async def create_wait(telegram_id: int, variant_id: int) -> bool:
    """Start waiting; False when the shopper waits for this variant already. Raises
    `TooManyWaits` (nothing stored) past `MAX_WAITS_PER_SHOPPER`."""
    async with atomic(StockWait._meta.db):
        existing = await (
            StockWait.objects()
            .where(StockWait.telegram_id == telegram_id, StockWait.variant_id == variant_id)
            .first()
            .run()
        )
        if existing is not None and existing.notified_at is None:
            return False
        if await count_waits(telegram_id) >= MAX_WAITS_PER_SHOPPER:
            raise TooManyWaits(telegram_id)
        fresh: dict[Any, Any] = {
            StockWait.created_at: utcnow(),
            StockWait.due_at: None,
            StockWait.nonce: _nonce(),
            StockWait.attempts: 0,
            StockWait.notified_at: None,
            StockWait.error: None,
        }
        if existing is not None:  # notified before: wait again
            await StockWait.update(fresh).where(StockWait.id == existing.id).run()
        else:
            await StockWait.insert(
                StockWait(
                    telegram_id=telegram_id,
                    variant_id=variant_id,
                    created_at=fresh[StockWait.created_at],
                    nonce=fresh[StockWait.nonce],
                )
            ).run()
    return True


async def count_waits(telegram_id: int) -> int:
    """The shopper's waits not yet notified."""
    return int(
        await StockWait.count()
        .where(StockWait.telegram_id == telegram_id, StockWait.notified_at.is_null())
        .run()
    )


@dataclass(frozen=True, slots=True)
class WaitView:
    """A wait as its shopper sees it."""

    id: int
    variant_id: int
    product_id: int
    title: str
    size: str
    colour: str | None


async def list_waits(telegram_id: int) -> list[WaitView]:
    """The shopper's waits not yet notified, oldest first (waits on deleted variants are
    left out)."""
    waits = await (
        StockWait.select(StockWait.id, StockWait.variant_id)
        .where(StockWait.telegram_id == telegram_id, StockWait.notified_at.is_null())
        .order_by(StockWait.id)
        .run()
    )
    named = await _variants([int(row["variant_id"]) for row in waits])
    return [
        WaitView(int(row["id"]), int(row["variant_id"]), *named[int(row["variant_id"])])
        for row in waits
        if int(row["variant_id"]) in named
    ]


async def _variants(variant_ids: Sequence[int]) -> dict[int, tuple[int, str, str, str | None]]:
    """variant id -> (product id, title, size, colour) of the variants that exist."""
    if not variant_ids:
        return {}
    variants = await (
        ProductVariant.select(
            ProductVariant.id,
            ProductVariant.product.as_alias("product_id"),
            ProductVariant.size,
            ProductVariant.colour,
        )
        .where(ProductVariant.id.is_in(list(set(variant_ids))))
        .run()
    )
    product_ids = list({int(row["product_id"]) for row in variants})
    titles = {
        int(row["id"]): str(row["title"])
        for row in await Product.select(Product.id, Product.title)
        .where(Product.id.is_in(product_ids or [0]))
        .run()
    }
    return {
        int(row["id"]): (
            int(row["product_id"]),
            titles.get(int(row["product_id"]), ""),
            str(row["size"]),
            row["colour"],
        )
        for row in variants
    }


async def cancel_wait(telegram_id: int, wait_id: int) -> bool:
    """Stop waiting; False when the wait is not the shopper's, or is over already."""
    rows = await (
        StockWait.delete()
        .where(
            StockWait.id == wait_id,
            StockWait.telegram_id == telegram_id,
            StockWait.notified_at.is_null(),
        )
        .returning(StockWait.id)
        .run()
    )
    return bool(rows)


async def mark_due(variant_ids: Sequence[int]) -> int:
    """The variants came back in stock: their waits are due. How many were marked."""
    if not variant_ids:
        return 0
    rows = await (
        StockWait.update({StockWait.due_at: utcnow()})
        .where(
            StockWait.variant_id.is_in(list(variant_ids)),
            StockWait.due_at.is_null(),
            StockWait.notified_at.is_null(),
        )
        .returning(StockWait.id)
        .run()
    )
    return len(rows)


async def mark_due_in_stock() -> int:
    """Catch-up: the waits on variants in stock that are not marked due yet (a crash
    between a stock change and `mark_due`). How many were marked."""
    in_stock = ProductVariant.select(ProductVariant.id).where(ProductVariant.stock > 0)
    rows = await (
        StockWait.update({StockWait.due_at: utcnow()})
        .where(
            StockWait.variant_id.is_in(in_stock),
            StockWait.due_at.is_null(),
            StockWait.notified_at.is_null(),
        )
        .returning(StockWait.id)
        .run()
    )
    return len(rows)


@dataclass(frozen=True, slots=True)
class DueWait:
    """A due wait to send now (`attempts` includes the send about to begin)."""

    id: int
    telegram_id: int
    language: str
    nonce: int
    attempts: int
    product_id: int
    title: str
    size: str
    colour: str | None
    access_hash: int | None = None  # the shopper's (`users.access_hash`), if known


async def claim_due(limit: int = 100) -> list[DueWait]:
    """Up to `limit` due waits, oldest first, each attempt counted first. Waits given
    up (`MAX_ATTEMPTS`) or on deleted variants are cleared with a reason instead. Only one
    sender may call this at a time."""
    rows = await (
        StockWait.select(
            StockWait.id,
            StockWait.telegram_id,
            StockWait.variant_id,
            StockWait.nonce,
            StockWait.attempts,
        )
        .where(StockWait.due_at.is_not_null(), StockWait.notified_at.is_null())
        .order_by(StockWait.due_at)
        .order_by(StockWait.id)
        .limit(limit)
        .run()
    )
    named = await _variants([int(row["variant_id"]) for row in rows])
    shoppers = await _shoppers([int(row["telegram_id"]) for row in rows])
    due: list[DueWait] = []
    for row in rows:
        wait_id, attempts = int(row["id"]), int(row["attempts"]) + 1
        variant = named.get(int(row["variant_id"]))
        if variant is None:
            await mark_notified(wait_id, error="variant deleted")
            continue
        if attempts > MAX_ATTEMPTS:
            await mark_notified(wait_id, error=f"given up after {MAX_ATTEMPTS} attempts")
            continue
        await StockWait.update({StockWait.attempts: attempts}).where(StockWait.id == wait_id).run()
        telegram_id = int(row["telegram_id"])
        language, access_hash = shoppers.get(telegram_id, (DEFAULT_LANGUAGE, None))
        due.append(
            DueWait(
                wait_id,
                telegram_id,
                language,
                int(row["nonce"]),
                attempts,
                *variant,
                access_hash=access_hash,
            )
        )
    return due


async def _shoppers(telegram_ids: Sequence[int]) -> dict[int, tuple[str, int | None]]:
    """Each shopper's language and access hash."""
    if not telegram_ids:
        return {}
    rows = await (
        User.select(User.telegram_id, User.language, User.access_hash)
        .where(User.telegram_id.is_in(list(set(telegram_ids))))
        .run()
    )
    return {
        int(row["telegram_id"]): (
            str(row["language"]),
            None if row["access_hash"] is None else int(row["access_hash"]),
        )
        for row in rows
    }


async def mark_notified(wait_id: int, *, error: str | None = None) -> None:
    """The wait is over: notified (or, with `error`, not deliverable)."""
    await (
        StockWait.update({StockWait.notified_at: utcnow(), StockWait.error: error})
        .where(StockWait.id == wait_id, StockWait.notified_at.is_null())
        .run()
    )


async def has_due_waits() -> bool:
    return bool(
        await StockWait.exists()
        .where(StockWait.due_at.is_not_null(), StockWait.notified_at.is_null())
        .run()
    )
