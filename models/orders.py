"""Orders and their items. Items snapshot title, size, colour and price at checkout, so
an order reads the same after the catalogue changes or the variant is deleted.

`place_order` is the one transaction that turns chosen cart lines into an order: each
line's stock is taken with a guarded UPDATE (`stock = stock - n WHERE stock >= n`, so
two shoppers racing for the last item cannot both win and stock never goes negative),
and any shortfall rolls the whole order back. It is idempotent on `checkout_key`.

Every status change goes through `change_status` (or `record_payment`), which asks
`models.order_statuses.may_move` first: the move table there is the whole policy.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from piccolo.columns import (
    BigInt,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from models.admins import record_audit
from models.carts import CartItem, list_cart
from models.catalogue import (
    Category,
    InsufficientStock,
    ProductVariant,
    adjust_stock,
)
from models.clock import utcnow
from models.order_history import MoveNote, record_status_change
from models.order_statuses import (
    CANCELLABLE,
    CANCELLED,
    CONFIRMED,
    DELIVERED,
    NEW,
    ON_DELIVERY,
    ONLINE,
    PAID,
    PAYABLE,
    SHIPPED,
    STATUSES,
    Cause,
    may_move,
)
from models.users import User
from runtime.db_raw import fetch_rows
from runtime.db_transaction import atomic

__all__ = [
    "CANCELLABLE",
    "CANCELLED",
    "CONFIRMED",
    "DELIVERED",
    "NEW",
    "ONLINE",
    "ON_DELIVERY",
    "PAID",
    "SHIPPED",
    "STATUSES",
    "Cause",
    "DeliveryDetails",
    "EmptyOrder",
    "InsufficientStock",
    "ItemUnavailable",
    "Order",
    "OrderItem",
    "OrderLine",
    "OrderNotFound",
    "PaymentOutcome",
    "StatusChange",
    "TransitionRefused",
    "change_status",
    "customer_of",
    "expired_unpaid_orders",
    "get_order",
    "list_items",
    "list_user_orders",
    "mark_announced",
    "order_for_checkout",
    "place_order",
    "record_payment",
    "unannounced_orders",
    "variant_name",
]


class EmptyOrder(Exception):
    """An order was asked for with nothing (available) to put in it."""


class ItemUnavailable(Exception):
    """A chosen variant is no longer offered (product withdrawn or hidden, or deleted)."""

    def __init__(self, variant_id: int) -> None:
        self.variant_id = variant_id
        super().__init__(f"variant {variant_id} is no longer offered")


class OrderNotFound(LookupError):
    pass


class TransitionRefused(Exception):
    """The move is not allowed from the order's status now (`current`)."""

    def __init__(self, order_id: int, current: str, target: str) -> None:
        self.order_id = order_id
        self.current = current
        self.target = target
        super().__init__(f"order {order_id}: {current} -> {target} is not allowed")


class Order(Table, tablename="orders"):
    """`checkout_key` is unique (an index from the checkout migration: SQLite cannot add a
    UNIQUE column); `announced_at` is set once the notices telling the customer and the
    admins about the new order are in the ledger (`models.order_notices`);
    `payment_due_at` is set while an online order awaits payment."""

    id = Serial(primary_key=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.restrict, db_column_name="user_id")
    status = Varchar(length=16, default=NEW)
    customer_name = Varchar(length=255)
    phone = Varchar(length=32)
    delivery_method = Varchar(length=32)
    address = Text(default="")
    comment = Text(default="")
    total = BigInt()
    currency = Varchar(length=3, default="RUB")
    payment_charge_id = Varchar(length=255, null=True, default=None, unique=True)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    payment_method = Varchar(length=16, default=ON_DELIVERY)
    payment_due_at = Timestamptz(null=True, default=None)
    checkout_key = Varchar(length=24, null=True, default=None)
    announced_at = Timestamptz(null=True, default=None)


class OrderItem(Table, tablename="order_items"):
    id = Serial(primary_key=True)
    order = ForeignKey(
        Order, null=False, on_delete=OnDelete.cascade, index=True, db_column_name="order_id"
    )
    variant = ForeignKey(
        ProductVariant, null=True, on_delete=OnDelete.set_null, db_column_name="variant_id"
    )
    product_title = Varchar(length=255)
    size = Varchar(length=32)
    colour = Varchar(length=64, null=True, default=None)
    unit_price = BigInt()
    quantity = Integer()


@dataclass(frozen=True, slots=True)
class OrderLine:
    """One chosen line: so many of a variant."""

    variant_id: int
    quantity: int


@dataclass(frozen=True, slots=True)
class _PricedLine:
    variant_id: int
    quantity: int
    title: str
    size: str
    colour: str | None
    unit_price: int


@dataclass(frozen=True, slots=True)
class DeliveryDetails:
    """Who receives an order, how it travels, and what the customer asked for."""

    customer_name: str
    phone: str
    method: str
    address: str = ""
    comment: str = ""


async def place_order(
    user_id: int,
    delivery: DeliveryDetails,
    *,
    currency: str = "RUB",
    lines: Sequence[OrderLine] | None = None,
    checkout_key: str | None = None,
    payment_method: str = ON_DELIVERY,
    payment_due_at: datetime | None = None,
) -> int:
    """Write an order of `lines` (default: every cart line of an offered product) for
    `user_id` (users.id), to deliver as `delivery` says; take their stock and drop them
    from the cart; return the order's id.

    Raises `EmptyOrder`, `ItemUnavailable` or `InsufficientStock` (naming the first
    variant short of stock); either way nothing changes. With a `checkout_key` that
    already has an order, returns that order's id and changes nothing.
    """
    async with atomic(Order._meta.db):
        if checkout_key is not None:
            existing = await order_for_checkout(checkout_key)
            if existing is not None:
                return int(existing.id)
        if lines is None:
            lines = [
                OrderLine(line.variant_id, line.quantity)
                for line in await list_cart(user_id)
                if line.is_available
            ]
        priced = await _price(lines)
        if not priced:
            raise EmptyOrder(f"user {user_id} has nothing to order")
        for line in priced:
            await adjust_stock(line.variant_id, -line.quantity)
        now = utcnow()
        order = Order(
            user=user_id,
            customer_name=delivery.customer_name,
            phone=delivery.phone,
            delivery_method=delivery.method,
            address=delivery.address,
            comment=delivery.comment,
            total=sum(line.unit_price * line.quantity for line in priced),
            currency=currency,
            created_at=now,
            updated_at=now,
            payment_method=payment_method,
            payment_due_at=payment_due_at if payment_method == ONLINE else None,
            checkout_key=checkout_key,
        )
        await order.save().run()
        await OrderItem.insert(
            *(
                OrderItem(
                    order=order.id,
                    variant=line.variant_id,
                    product_title=line.title,
                    size=line.size,
                    colour=line.colour,
                    unit_price=line.unit_price,
                    quantity=line.quantity,
                )
                for line in priced
            )
        ).run()
        await (
            CartItem.delete()
            .where(
                (CartItem.user == user_id)
                & CartItem.variant.is_in([line.variant_id for line in priced])
            )
            .run()
        )
    return int(order.id)


async def _price(lines: Sequence[OrderLine]) -> list[_PricedLine]:
    """The lines with today's title, size, colour and price; `ItemUnavailable` for one
    whose product is gone, withdrawn or in a hidden category."""
    if not lines:
        return []
    product = ProductVariant.product
    category = cast("ForeignKey[Category]", product.category)
    rows = await (
        ProductVariant.select(
            ProductVariant.id,
            ProductVariant.size,
            ProductVariant.colour,
            product.title.as_alias("title"),
            product.price.as_alias("price"),
            product.is_available.as_alias("is_available"),
            category.is_hidden.as_alias("category_hidden"),
        )
        .where(ProductVariant.id.is_in([line.variant_id for line in lines]))
        .run()
    )
    offered = {row["id"]: row for row in rows if row["is_available"] and not row["category_hidden"]}
    priced = []
    for line in lines:
        row = offered.get(line.variant_id)
        if row is None:
            raise ItemUnavailable(line.variant_id)
        priced.append(
            _PricedLine(
                line.variant_id,
                line.quantity,
                row["title"],
                row["size"],
                row["colour"],
                int(row["price"]),
            )
        )
    return priced


async def get_order(order_id: int) -> Order | None:
    return await Order.objects().where(Order.id == order_id).first().run()


async def variant_name(variant_id: int) -> tuple[str, str, str | None] | None:
    """(title, size, colour) of a variant still in the catalogue, to name it to a shopper."""
    product = ProductVariant.product
    row = await (
        ProductVariant.select(
            product.title.as_alias("title"), ProductVariant.size, ProductVariant.colour
        )
        .where(ProductVariant.id == variant_id)
        .first()
        .run()
    )
    return None if row is None else (row["title"], row["size"], row["colour"])


async def customer_of(order: Order) -> User | None:
    return await User.objects().where(User.id == order.user).first().run()


async def order_for_checkout(checkout_key: str) -> Order | None:
    return await Order.objects().where(Order.checkout_key == checkout_key).first().run()


async def list_items(order_id: int) -> list[OrderItem]:
    return await OrderItem.objects().where(OrderItem.order == order_id).order_by(OrderItem.id).run()


@dataclass(frozen=True, slots=True)
class OrderedStock:
    """A variant the given orders hold: how many of it they hold, and its stock now."""

    variant_id: int
    quantity: int
    stock: int


async def ordered_stock(order_ids: Sequence[int]) -> list[OrderedStock]:
    """For each variant the orders hold (variants deleted since are left out): the
    quantity they hold together and the variant's stock now. One statement (it follows
    every batch of orders placed)."""
    if not order_ids:
        return []
    marks = ", ".join("{}" for _ in order_ids)
    rows = await fetch_rows(
        OrderItem,
        "SELECT i.variant_id, sum(i.quantity) AS quantity, v.stock FROM order_items i"
        " JOIN product_variants v ON v.id = i.variant_id"
        f" WHERE i.order_id IN ({marks}) GROUP BY i.variant_id, v.stock ORDER BY i.variant_id",
        *order_ids,
    )
    return [
        OrderedStock(int(row["variant_id"]), int(row["quantity"]), int(row["stock"]))
        for row in rows
    ]


async def list_user_orders(user_id: int, limit: int = 20) -> list[Order]:
    """The user's (users.id) latest orders, newest first."""
    return await (
        Order.objects()
        .where(Order.user == user_id)
        .order_by(Order.created_at, ascending=False)
        .order_by(Order.id, ascending=False)
        .limit(limit)
        .run()
    )


@dataclass(frozen=True, slots=True)
class StatusChange:
    order_id: int
    previous: str
    current: str


async def change_status(
    order_id: int,
    target: str,
    *,
    cause: Cause,
    actor_id: int | None = None,
    note: MoveNote | None = None,
) -> StatusChange:
    """Move an order to `target` if `cause` may (see `models.order_statuses`); cancelling
    puts its items back in stock; the move goes into the order's history
    (`models.order_history`, with `note`: a cancel's reason, a tracking number) and an
    admin's move (`actor_id`, their Telegram id) is audited, in the same transaction.

    Raises `OrderNotFound`, or `TransitionRefused` (nothing changed).
    """
    if target not in STATUSES:
        raise ValueError(f"unknown order status {target!r}")
    async with atomic(Order._meta.db):
        row = await (
            Order.select(Order.status, Order.payment_method)
            .where(Order.id == order_id)
            .first()
            .run()
        )
        if row is None:
            raise OrderNotFound(order_id)
        current = str(row["status"])
        if not may_move(current, target, payment_method=row["payment_method"], cause=cause):
            raise TransitionRefused(order_id, current, target)
        values: dict[Any, Any] = {Order.status: target, Order.updated_at: utcnow()}
        if target not in PAYABLE:
            values[Order.payment_due_at] = None
        moved = await (
            Order.update(values)
            .where(Order.id == order_id, Order.status == current)
            .returning(Order.id)
            .run()
        )
        if not moved:  # the status changed under us
            raise TransitionRefused(order_id, current, target)
        if target == CANCELLED:
            await _restock(order_id)
        await record_status_change(
            order_id, current, target, cause=cause.value, actor_id=actor_id, note=note
        )
        if actor_id is not None:
            await record_audit(
                actor_id,
                "order.status",
                str(order_id),
                {"before": current, "after": target, **(note or MoveNote()).as_details()},
            )
    return StatusChange(order_id, current, target)


async def _restock(order_id: int) -> None:
    items = await (
        OrderItem.select(OrderItem.variant.as_alias("variant_id"), OrderItem.quantity)
        .where(OrderItem.order == order_id, OrderItem.variant.is_not_null())
        .run()
    )
    for item in items:
        try:
            await adjust_stock(item["variant_id"], item["quantity"])
        except InsufficientStock:  # the variant was deleted meanwhile: nothing to return
            continue


class PaymentOutcome(enum.Enum):
    PAID = "paid"  # the order is paid now
    DUPLICATE = "duplicate"  # this charge was recorded before: nothing to do
    REFUND_NEEDED = "refund_needed"  # money came for an order that cannot take it


async def record_payment(order_id: int, charge_id: str) -> PaymentOutcome:
    """Record a successful payment, exactly once per `charge_id` (unique column).

    An order awaiting payment becomes paid. The same charge again is a `DUPLICATE`. A
    payment for an order that can no longer take one (cancelled meanwhile, already paid
    by another charge) is `REFUND_NEEDED`; its charge id is still kept when the order
    has none, so a repeat of it is recognised as a duplicate.
    """
    async with atomic(Order._meta.db):
        row = await (
            Order.select(Order.status, Order.payment_method, Order.payment_charge_id)
            .where(Order.id == order_id)
            .first()
            .run()
        )
        if row is None:
            raise OrderNotFound(order_id)
        if row["payment_charge_id"] == charge_id:
            return PaymentOutcome.DUPLICATE
        paid_before = await Order.exists().where(Order.payment_charge_id == charge_id).run()
        if paid_before:  # the charge belongs to another order: never move this one
            return PaymentOutcome.DUPLICATE
        payable = may_move(
            row["status"], PAID, payment_method=row["payment_method"], cause=Cause.PAYMENT
        )
        values: dict[Any, Any] = {Order.updated_at: utcnow()}
        if payable:
            values.update({Order.status: PAID, Order.payment_due_at: None})
        if row["payment_charge_id"] is None:
            values[Order.payment_charge_id] = charge_id
        await Order.update(values).where(Order.id == order_id, Order.status == row["status"]).run()
        if payable:
            await record_status_change(
                order_id, str(row["status"]), PAID, cause=Cause.PAYMENT.value
            )
    return PaymentOutcome.PAID if payable else PaymentOutcome.REFUND_NEEDED


async def expired_unpaid_orders(now: datetime) -> list[int]:
    """Online orders still unpaid whose payment time ran out by `now`, oldest first."""
    rows = await (
        Order.select(Order.id)
        .where(
            Order.payment_method == ONLINE,
            Order.status.is_in(list(PAYABLE)),
            Order.payment_due_at <= now,
        )
        .order_by(Order.payment_due_at)
        .run()
    )
    return [int(row["id"]) for row in rows]


async def unannounced_orders() -> list[int]:
    """Orders whose notices to the customer and the admins are not in the ledger yet
    (placed by a version before the ledger, which told them without one)."""
    rows = await Order.select(Order.id).where(Order.announced_at.is_null()).order_by(Order.id).run()
    return [int(row["id"]) for row in rows]


async def mark_announced(order_id: int) -> None:
    await Order.update({Order.announced_at: utcnow()}).where(Order.id == order_id).run()
