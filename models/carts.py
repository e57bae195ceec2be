"""Shopping carts: one row per (user, variant), with a quantity."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz
from piccolo.table import Table

from models.catalogue import Product, ProductVariant
from models.clock import utcnow
from models.users import User


class CartItem(Table, tablename="cart_items"):
    """Unique per (user_id, variant_id): a unique index from the first migration
    (Piccolo's `Unique` constraint is added with ALTER TABLE, which SQLite lacks)."""

    id = Serial(primary_key=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, db_column_name="user_id")
    variant = ForeignKey(
        ProductVariant, null=False, on_delete=OnDelete.cascade, db_column_name="variant_id"
    )
    quantity = Integer(default=1)
    added_at = Timestamptz()


@dataclass(frozen=True, slots=True)
class CartLine:
    """A cart item with what the cart screen and checkout need to know about it."""

    variant_id: int
    product_id: int
    title: str
    size: str
    colour: str | None
    unit_price: int
    quantity: int
    stock: int
    is_available: bool

    @property
    def subtotal(self) -> int:
        return self.unit_price * self.quantity


async def add_to_cart(user_id: int, variant_id: int, quantity: int = 1) -> None:
    """Put `quantity` more of a variant in the cart (one upsert; `user_id` is users.id)."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1")
    # Piccolo's on_conflict can only set constants or EXCLUDED values, not add to the
    # stored quantity, so this upsert is raw (the same SQL on both engines).
    await CartItem.raw(
        "INSERT INTO cart_items (user_id, variant_id, quantity, added_at) "
        "VALUES ({}, {}, {}, {}) ON CONFLICT (user_id, variant_id) "
        "DO UPDATE SET quantity = cart_items.quantity + excluded.quantity",
        user_id,
        variant_id,
        quantity,
        utcnow(),
    ).run()


async def set_quantity(user_id: int, variant_id: int, quantity: int) -> None:
    """Set a line's quantity; 0 or less removes it."""
    where = (CartItem.user == user_id) & (CartItem.variant == variant_id)
    if quantity <= 0:
        await CartItem.delete().where(where).run()
    else:
        await CartItem.update({CartItem.quantity: quantity}).where(where).run()


async def clear_cart(user_id: int) -> None:
    await CartItem.delete().where(CartItem.user == user_id).run()


def _line(row: dict[str, Any]) -> CartLine:
    return CartLine(
        variant_id=row["variant_id"],
        product_id=row["product_id"],
        title=row["title"],
        size=row["size"],
        colour=row["colour"],
        unit_price=row["price"],
        quantity=row["quantity"],
        stock=row["stock"],
        is_available=bool(row["is_available"]),
    )


async def list_cart(user_id: int) -> list[CartLine]:
    """The user's cart, oldest line first."""
    variant = CartItem.variant
    # Piccolo types a followed foreign key as `Column | Any`; it is the FK column.
    product = cast("ForeignKey[Product]", variant.product)
    # Aliases: Piccolo keys joined columns by *database* column names
    # ("variant_id.product_id.title"), which is easy to get wrong.
    rows = await (
        CartItem.select(
            CartItem.variant.as_alias("variant_id"),
            CartItem.quantity,
            variant.product.as_alias("product_id"),
            variant.size.as_alias("size"),
            variant.colour.as_alias("colour"),
            variant.stock.as_alias("stock"),
            product.title.as_alias("title"),
            product.price.as_alias("price"),
            product.is_available.as_alias("is_available"),
        )
        .where(CartItem.user == user_id)
        .order_by(CartItem.added_at, CartItem.id)
        .run()
    )
    return [_line(row) for row in rows]
