"""Placing many orders in one transaction: `place_orders`, the batch form of `place_order`.

The same rules as `models.orders.place_order`, for a batch of requests at once:

* exactly once per checkout key: a key that already has an order gets that order back
  (and a key that comes twice in one batch gets one order);
* stock never below zero, first come first served in the batch's order: the variants
  involved are locked first (`SELECT ... FOR UPDATE` on PostgreSQL, ordered by id so two
  writers never deadlock; on SQLite the caller's `atomic` is `BEGIN IMMEDIATE`, which
  holds the write lock), the stock is shared out in Python, and one guarded `UPDATE`
  (`stock = stock - CASE id ... END WHERE stock >= CASE ...`) takes it. Should that
  update touch fewer rows than the shares say (someone wrote stock despite the lock),
  `BatchConflict` rolls the whole batch back and the caller places one by one;
* a request that cannot be placed is refused with the exception `place_order` would
  raise (`ItemUnavailable`, `EmptyOrder`, `InsufficientStock` naming the first
  variant short), and the others go on: the 2nd buyer of the last item is refused;
* the orders, their items and the carts' clean-up are one statement on PostgreSQL.

Statements for a batch, whatever its size (up to the parameter limit): the existing
orders with the users, the lock, the stock update, and the orders with their items and
the carts' clean-up (one statement on PostgreSQL, three on SQLite).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.catalogue import InsufficientStock, ProductVariant
from models.clock import utcnow
from models.order_statuses import NEW, ON_DELIVERY, ONLINE
from models.orders import DeliveryDetails, EmptyOrder, ItemUnavailable, Order, OrderItem, OrderLine
from runtime.db_raw import fetch_rows
from runtime.db_rows import MAX_PARAMETERS, insert_rows
from runtime.db_transaction import atomic

__all__ = [
    "BatchConflict",
    "BatchOutcome",
    "BatchPlaced",
    "BatchRefused",
    "OrderRequest",
    "VariantName",
    "orders_for_checkouts",
    "place_orders",
]


class BatchConflict(Exception):
    """Raised when the guarded stock update of a batch took stock from fewer variants
    than the locked rows said it could: nothing of the batch is written."""

    def __init__(self, expected: int, updated: int) -> None:
        self.expected = expected
        self.updated = updated
        super().__init__(f"stock update touched {updated} of {expected} variants")


@dataclass(frozen=True, slots=True)
class OrderRequest:
    """One checkout to place: whose (Telegram id), what, how it is delivered and paid."""

    checkout_key: str
    telegram_id: int
    delivery: DeliveryDetails
    lines: Sequence[OrderLine]
    currency: str = "RUB"
    payment_method: str = ON_DELIVERY
    payment_due_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class VariantName:
    """What a shopper is told a variant is (title, size, colour)."""

    title: str
    size: str
    colour: str | None


@dataclass(frozen=True, slots=True)
class BatchPlaced:
    order_id: int
    fresh: bool  # placed by this call (its stock taken now); else placed before
    announced: bool  # its notices are in the ledger (announced_at is set)


@dataclass(frozen=True, slots=True)
class BatchRefused:
    """Not placed and nothing written for it; `error` says why, `item` names the
    variant it is about (None when there is none or it is gone from the catalogue)."""

    error: InsufficientStock | ItemUnavailable | EmptyOrder
    item: VariantName | None = None


BatchOutcome = BatchPlaced | BatchRefused


@dataclass(frozen=True, slots=True)
class _Variant:
    stock: int
    offered: bool
    price: int
    name: VariantName


@dataclass(frozen=True, slots=True)
class _Accepted:
    request: OrderRequest
    user_id: int
    lines: list[tuple[OrderLine, _Variant]]


def _ints(values: Iterable[int]) -> str:
    """A comma-separated list of integers for SQL (ints only: never data as text)."""
    return ", ".join(str(int(value)) for value in values)


_ORDERS_FOR_KEYS = "SELECT id, checkout_key, announced_at{} FROM orders WHERE checkout_key IN ({})"


def _placed_before(row: dict[str, Any]) -> BatchPlaced:
    return BatchPlaced(int(row["id"]), fresh=False, announced=row["announced_at"] is not None)


async def orders_for_checkouts(keys: Sequence[str]) -> dict[str, BatchPlaced]:
    """The orders already placed for these checkout keys, by key (`fresh` False)."""
    if not keys:
        return {}
    marks = ", ".join(["{}"] * len(keys))
    rows = await fetch_rows(Order, _ORDERS_FOR_KEYS.format("", marks), *keys)
    return {str(row["checkout_key"]): _placed_before(row) for row in rows}


async def _placed_and_users(
    keys: Sequence[str], telegram_ids: Iterable[int]
) -> tuple[dict[str, BatchPlaced], dict[int, int]]:
    """`orders_for_checkouts(keys)`, and the users' ids by Telegram id, in one statement:
    each of a batch's statements is a round trip on the way of every order in it. An
    order's row has its checkout key; a user's row has its Telegram id instead."""
    marks = ", ".join(["{}"] * len(keys))
    rows = await fetch_rows(
        Order,
        _ORDERS_FOR_KEYS.format(", NULL AS telegram_id", marks)
        + " UNION ALL SELECT id, NULL, NULL, telegram_id FROM users"
        + f" WHERE telegram_id IN ({_ints(set(telegram_ids)) or 'NULL'})",
        *keys,
    )
    placed = {
        str(row["checkout_key"]): _placed_before(row)
        for row in rows
        if row["checkout_key"] is not None
    }
    users = {
        int(row["telegram_id"]): int(row["id"]) for row in rows if row["telegram_id"] is not None
    }
    return placed, users


async def _lock_variants(variant_ids: Sequence[int]) -> dict[int, _Variant]:
    """The variants with their stock, locked until the transaction ends."""
    if not variant_ids:
        return {}
    lock = " FOR UPDATE OF v" if ProductVariant._meta.db.engine_type == "postgres" else ""
    rows = await fetch_rows(
        ProductVariant,
        "SELECT v.id, v.stock, v.size, v.colour, p.title, p.price, p.is_available,"
        " c.is_hidden AS category_hidden"
        " FROM product_variants v JOIN products p ON p.id = v.product_id"
        " LEFT JOIN categories c ON c.id = p.category_id"
        f" WHERE v.id IN ({_ints(sorted(variant_ids))}) ORDER BY v.id{lock}",
    )
    return {
        int(row["id"]): _Variant(
            stock=int(row["stock"]),
            offered=bool(row["is_available"]) and not row["category_hidden"],
            price=int(row["price"]),
            name=VariantName(str(row["title"]), str(row["size"]), row["colour"]),
        )
        for row in rows
    }


def _share(
    request: OrderRequest, user_id: int | None, variants: dict[int, _Variant], stock: Counter[int]
) -> _Accepted | BatchRefused:
    """Take the request's stock from `stock` (what is left in this batch), or refuse it
    as `place_order` would: unavailable first, then empty, then short of stock."""
    chosen: list[tuple[OrderLine, _Variant]] = []
    for line in request.lines:
        variant = variants.get(line.variant_id)
        if variant is None or not variant.offered:
            name = variant.name if variant is not None else None
            return BatchRefused(ItemUnavailable(line.variant_id), name)
        chosen.append((line, variant))
    if not chosen or user_id is None:
        return BatchRefused(EmptyOrder(f"shopper {request.telegram_id} has nothing to order"))
    wanted: Counter[int] = Counter()
    for line, variant in chosen:
        wanted[line.variant_id] += line.quantity
        if wanted[line.variant_id] > stock[line.variant_id]:
            return BatchRefused(InsufficientStock(line.variant_id, line.quantity), variant.name)
    stock.subtract(wanted)
    return _Accepted(request, user_id, chosen)


async def _take_stock(taken: Counter[int]) -> None:
    """One guarded UPDATE for every variant's share; `BatchConflict` when a row refused."""
    wanted = {variant_id: n for variant_id, n in taken.items() if n > 0}
    if not wanted:
        return
    case = "CASE id " + " ".join(f"WHEN {int(v)} THEN {int(n)}" for v, n in wanted.items()) + " END"
    rows = await fetch_rows(
        ProductVariant,
        f"UPDATE product_variants SET stock = stock - {case}"
        f" WHERE id IN ({_ints(wanted)}) AND stock >= {case} RETURNING id",
    )
    if len(rows) != len(wanted):
        raise BatchConflict(len(wanted), len(rows))


ORDER_COLUMNS = (
    "user_id",
    "status",
    "customer_name",
    "phone",
    "delivery_method",
    "address",
    "comment",
    "total",
    "currency",
    "created_at",
    "updated_at",
    "payment_method",
    "payment_due_at",
    "checkout_key",
    "announced_at",
)
ITEM_COLUMNS = (
    "order_id",
    "variant_id",
    "product_title",
    "size",
    "colour",
    "unit_price",
    "quantity",
)


def _order_row(
    accepted: _Accepted, now: datetime, announced_at: datetime | None
) -> tuple[Any, ...]:
    request, delivery = accepted.request, accepted.request.delivery
    online = request.payment_method == ONLINE
    return (
        accepted.user_id,
        NEW,
        delivery.customer_name,
        delivery.phone,
        delivery.method,
        delivery.address,
        delivery.comment,
        sum(variant.price * line.quantity for line, variant in accepted.lines),
        request.currency,
        now,
        now,
        request.payment_method,
        request.payment_due_at if online else None,
        request.checkout_key,
        announced_at,
    )


#: An item's values in `_WRITE_TOGETHER`'s VALUES list, typed (a parameter in VALUES has
#: no column to take its type from): the order's checkout key, then ITEM_COLUMNS but
#: the order's id.
_ITEM_VALUES = (
    "({}::varchar, {}::bigint, {}::varchar, {}::varchar, {}::varchar, {}::bigint, {}::int)"
)
#: The orders, their items and the carts' clean-up in one PostgreSQL statement (data-
#: modifying CTEs: each runs whether or not the rest refers to it); formatted with the
#: orders' VALUES rows, the items' VALUES rows and the carts' condition.
_WRITE_TOGETHER = (
    f"WITH o AS (INSERT INTO orders ({', '.join(ORDER_COLUMNS)}) VALUES {{orders}}"
    " RETURNING id, checkout_key),"
    f" i AS (INSERT INTO order_items ({', '.join(ITEM_COLUMNS)})"
    f" SELECT o.id, {', '.join(f'v.{c}' for c in ITEM_COLUMNS[1:])} FROM (VALUES {{items}})"
    f" AS v(checkout_key, {', '.join(ITEM_COLUMNS[1:])})"
    " JOIN o ON o.checkout_key = v.checkout_key),"
    " c AS (DELETE FROM cart_items WHERE {carts})"
    " SELECT id, checkout_key FROM o"
)


def _item_rows(accepted: list[_Accepted]) -> list[tuple[Any, ...]]:
    """Each item's values but its order's id, after its order's checkout key."""
    return [
        (
            one.request.checkout_key,
            line.variant_id,
            variant.name.title,
            variant.name.size,
            variant.name.colour,
            variant.price,
            line.quantity,
        )
        for one in accepted
        for line, variant in one.lines
    ]


def _carts_taken(accepted: list[_Accepted]) -> str:
    """What the orders took from their shoppers' carts, as a condition on cart_items."""
    return " OR ".join(
        f"(user_id = {int(one.user_id)} AND variant_id IN"
        f" ({_ints(line.variant_id for line, _ in one.lines)}))"
        for one in accepted
    )


async def _write(accepted: list[_Accepted], announced_at: datetime | None) -> dict[str, int]:
    """The orders, their items and the carts' clean-up; each order's id by checkout key.
    One statement on PostgreSQL (each statement of a batch is a round trip inside its
    transaction, with the variants locked), three elsewhere."""
    now = utcnow()
    orders = [_order_row(one, now, announced_at) for one in accepted]
    items = _item_rows(accepted)
    values = len(orders) * len(ORDER_COLUMNS) + len(items) * len(ITEM_COLUMNS)
    if Order._meta.db.engine_type == "postgres" and values <= MAX_PARAMETERS:
        one_order = "(" + ", ".join(["{}"] * len(ORDER_COLUMNS)) + ")"
        sql = _WRITE_TOGETHER.format(
            orders=", ".join([one_order] * len(orders)),
            items=", ".join([_ITEM_VALUES] * len(items)),
            carts=_carts_taken(accepted),
        )
        flat = [value for row in (*orders, *items) for value in row]
        written = await fetch_rows(Order, sql, *flat)
        return {str(row["checkout_key"]): int(row["id"]) for row in written}
    written = await insert_rows(Order, ORDER_COLUMNS, orders, returning=("id", "checkout_key"))
    ids = {str(row["checkout_key"]): int(row["id"]) for row in written}
    await insert_rows(OrderItem, ITEM_COLUMNS, [(ids[key], *rest) for key, *rest in items])
    await fetch_rows(OrderItem, f"DELETE FROM cart_items WHERE {_carts_taken(accepted)}")
    return ids


async def place_orders(
    requests: Sequence[OrderRequest], *, announced_at: datetime | None = None
) -> list[BatchOutcome]:
    """Place every request in one transaction; one outcome per request, in order.

    `announced_at` is written on the new orders: pass it when the caller queues their
    notices in the same transaction. Raises `BatchConflict` (nothing written); errors
    of the database (a refused value...) roll the whole batch back too.
    """
    if not requests:
        return []
    async with atomic(Order._meta.db):
        keys = list(dict.fromkeys(request.checkout_key for request in requests))
        placed, users = await _placed_and_users(keys, (r.telegram_id for r in requests))
        outcomes: dict[str, BatchOutcome] = dict(placed)
        fresh = [r for r in requests if r.checkout_key not in outcomes]
        variants = await _lock_variants(list({ln.variant_id for r in fresh for ln in r.lines}))
        left: Counter[int] = Counter({v: variant.stock for v, variant in variants.items()})
        accepted: list[_Accepted] = []
        for request in fresh:
            if request.checkout_key in outcomes:  # the same key earlier in this batch
                continue
            shared = _share(request, users.get(request.telegram_id), variants, left)
            if isinstance(shared, _Accepted):
                accepted.append(shared)
                outcomes[request.checkout_key] = BatchPlaced(0, fresh=True, announced=False)
            else:
                outcomes[request.checkout_key] = shared
        if accepted:
            taken: Counter[int] = Counter()
            for one in accepted:
                for line, _ in one.lines:
                    taken[line.variant_id] += line.quantity
            await _take_stock(taken)
            ids = await _write(accepted, announced_at)
            for key, order_id in ids.items():
                outcomes[key] = BatchPlaced(
                    order_id, fresh=True, announced=announced_at is not None
                )
    return [outcomes[request.checkout_key] for request in requests]
