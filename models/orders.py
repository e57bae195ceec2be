"""Orders and their items. Items snapshot title, size, colour and price at checkout, so
an order reads the same after the catalogue changes or the variant is deleted.

`place_order` is the one transaction that turns a cart into an order: each line's stock
is taken with a guarded UPDATE (two shoppers racing for the last item cannot both win),
and any shortfall rolls the whole order back.
"""

from __future__ import annotations

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

from models.carts import CartItem, list_cart
from models.catalogue import InsufficientStock, ProductVariant, adjust_stock
from models.clock import utcnow
from models.users import User
from runtime.db_transaction import atomic

NEW = "new"
CONFIRMED = "confirmed"
PAID = "paid"
SHIPPED = "shipped"
DELIVERED = "delivered"
CANCELLED = "cancelled"
STATUSES = (NEW, CONFIRMED, PAID, SHIPPED, DELIVERED, CANCELLED)
#: Orders in these states may still be cancelled (which puts their stock back).
CANCELLABLE = (NEW, CONFIRMED, PAID)


class EmptyCart(Exception):
    """Checkout was asked for a cart with nothing (available) in it."""


class Order(Table, tablename="orders"):
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


async def place_order(
    user_id: int,
    *,
    customer_name: str,
    phone: str,
    delivery_method: str,
    address: str = "",
    comment: str = "",
    currency: str = "RUB",
) -> int:
    """Turn the user's cart into an order; return the order id.

    Raises `EmptyCart`, or `InsufficientStock` naming the first variant short of stock;
    either way nothing changes.
    """
    engine = Order._meta.db
    async with atomic(engine):
        lines = [line for line in await list_cart(user_id) if line.is_available]
        if not lines:
            raise EmptyCart(f"user {user_id} has nothing to order")
        for line in lines:
            await adjust_stock(line.variant_id, -line.quantity)
        now = utcnow()
        order = Order(
            user=user_id,
            customer_name=customer_name,
            phone=phone,
            delivery_method=delivery_method,
            address=address,
            comment=comment,
            total=sum(line.subtotal for line in lines),
            currency=currency,
            created_at=now,
            updated_at=now,
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
                for line in lines
            )
        ).run()
        await CartItem.delete().where(
            (CartItem.user == user_id)
            & CartItem.variant.is_in([line.variant_id for line in lines])
        ).run()
    return int(order.id)


async def get_order(order_id: int) -> Order | None:
    return await Order.objects().where(Order.id == order_id).first().run()


async def list_items(order_id: int) -> list[OrderItem]:
    return await OrderItem.objects().where(OrderItem.order == order_id).order_by(OrderItem.id).run()


async def list_user_orders(user_id: int, limit: int = 20) -> list[Order]:
    return await (
        Order.objects()
        .where(Order.user == user_id)
        .order_by(Order.created_at, ascending=False)
        .limit(limit)
        .run()
    )


async def set_status(order_id: int, status: str) -> bool:
    """Move an order to `status` (not to cancelled: use `cancel_order`)."""
    if status not in STATUSES or status == CANCELLED:
        raise ValueError(f"cannot set status {status!r} here")
    rows = await (
        Order.update({Order.status: status, Order.updated_at: utcnow()})
        .where(Order.id == order_id, Order.status != CANCELLED)
        .returning(Order.id)
        .run()
    )
    return bool(rows)


async def mark_paid(order_id: int, payment_charge_id: str) -> bool:
    """Record a successful payment; False when the order is not awaiting one."""
    rows = await (
        Order.update(
            {
                Order.status: PAID,
                Order.payment_charge_id: payment_charge_id,
                Order.updated_at: utcnow(),
            }
        )
        .where(Order.id == order_id, Order.status.is_in([NEW, CONFIRMED]))
        .returning(Order.id)
        .run()
    )
    return bool(rows)


async def cancel_order(order_id: int) -> bool:
    """Cancel an order still in `CANCELLABLE` and put its items back in stock."""
    async with atomic(Order._meta.db):
        rows = await (
            Order.update({Order.status: CANCELLED, Order.updated_at: utcnow()})
            .where(Order.id == order_id, Order.status.is_in(list(CANCELLABLE)))
            .returning(Order.id)
            .run()
        )
        if not rows:
            return False
        items = await (
            OrderItem.select(OrderItem.variant.as_alias("variant_id"), OrderItem.quantity)
            .where(OrderItem.order == order_id, OrderItem.variant.is_not_null())
            .run()
        )
        for item in items:
            try:
                await adjust_stock(item["variant_id"], item["quantity"])
            except InsufficientStock:  # the variant was deleted meanwhile
                continue
    return True
