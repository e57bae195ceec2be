"""Shopping carts: one row per (user, variant), with a quantity and a snapshot.

Every function takes `user_id` = `users.id` (the internal key; `users_id_of` in
`models.users` maps a Telegram id to it). A cart line outlives its variant: deleting a
product sets the line's `variant_id` to NULL (a migration made the foreign key ON
DELETE SET NULL), and the line's snapshot (`product_title`, `size`, `colour`, written on
every add) still says what it was, so the cart can report it instead of losing it.

For checkout, `checkout_lines(user_id)` splits the cart into the lines that can be
ordered right now and those that cannot (see its docstring).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, cast

from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.custom_types import Combinable
from piccolo.table import Table

from models.catalogue import Category, Product, ProductVariant
from models.clock import utcnow
from models.users import User

#: The most of one variant a shopper may have in the cart (and the quantity picker offers).
MAX_LINE_QUANTITY = 10
#: The most lines one cart may hold (the cart screen has a button per line; Telegram
#: allows 100 buttons in a keyboard).
MAX_CART_LINES = 30


class CartItem(Table, tablename="cart_items"):
    """Unique per (user_id, variant_id): a unique index from the first migration
    (Piccolo's `Unique` constraint is added with ALTER TABLE, which SQLite lacks).
    `variant` is NULL once the variant was deleted from the catalogue."""

    id = Serial(primary_key=True)
    user = ForeignKey(User, null=False, on_delete=OnDelete.cascade, db_column_name="user_id")
    variant = ForeignKey(
        ProductVariant, null=True, on_delete=OnDelete.set_null, db_column_name="variant_id"
    )
    quantity = Integer(default=1)
    added_at = Timestamptz()
    product_title = Varchar(length=255, default="")
    size = Varchar(length=32, default="")
    colour = Varchar(length=64, null=True, default=None)


class LineState(enum.Enum):
    """Whether a cart line can be ordered, and if not, why."""

    AVAILABLE = "available"
    SHORT = "short"  # fewer in stock than in the cart: lower the quantity
    SOLD_OUT = "sold_out"  # the variant's stock is 0
    WITHDRAWN = "withdrawn"  # the product (or its category) is no longer offered
    REMOVED = "removed"  # the product or variant was deleted from the catalogue


@dataclass(frozen=True, slots=True)
class CartLine:
    """A cart line whose variant still exists, with what the cart screen and checkout
    need to know about it. `is_available`: the product is offered (available, in a
    visible category); `state` says whether the line as a whole can be ordered."""

    line_id: int
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

    @property
    def max_quantity(self) -> int:
        """The most of this line the shopper may have now (0 when sold out)."""
        return max(0, min(self.stock, MAX_LINE_QUANTITY))

    @property
    def state(self) -> LineState:
        if not self.is_available:
            return LineState.WITHDRAWN
        if self.stock <= 0:
            return LineState.SOLD_OUT
        if self.stock < self.quantity:
            return LineState.SHORT
        return LineState.AVAILABLE


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A cart line whose variant was deleted: only its snapshot is left."""

    line_id: int
    title: str
    size: str
    colour: str | None
    quantity: int

    @property
    def state(self) -> LineState:
        return LineState.REMOVED


AnyLine = CartLine | RemovedLine


@dataclass(frozen=True, slots=True)
class Cart:
    """A user's cart, lines in the order they were first added."""

    lines: tuple[AnyLine, ...]

    @property
    def available(self) -> list[CartLine]:
        return [
            line
            for line in self.lines
            if isinstance(line, CartLine) and line.state is LineState.AVAILABLE
        ]

    @property
    def unavailable(self) -> list[AnyLine]:
        return [line for line in self.lines if line.state is not LineState.AVAILABLE]

    @property
    def total(self) -> int:
        """The sum of the lines that can be ordered, in kopecks."""
        return sum(line.subtotal for line in self.available)


async def add_to_cart(
    user_id: int, variant_id: int, quantity: int = 1, *, limit: int = MAX_LINE_QUANTITY
) -> int | None:
    """Put `quantity` more of a variant in the cart, the line capped at `limit`; return
    the line's quantity now, or None when the variant does not exist (nothing added).

    One upsert, which also refreshes the line's snapshot of title, size and colour.
    """
    if quantity < 1 or limit < 1:
        raise ValueError("quantity and limit must be at least 1")
    # Piccolo's on_conflict can only set constants or EXCLUDED values, not add to the
    # stored quantity, so this upsert is raw (the same SQL on both engines; SQLite needs
    # the WHERE to tell the upsert's ON from a join's).
    rows = await CartItem.raw(
        "INSERT INTO cart_items"
        " (user_id, variant_id, quantity, added_at, product_title, size, colour)"
        " SELECT {}, v.id, {}, {}, p.title, v.size, v.colour"
        " FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.id = {}"
        " ON CONFLICT (user_id, variant_id) DO UPDATE SET"
        " quantity = CASE WHEN cart_items.quantity + excluded.quantity > {} THEN {}"
        " ELSE cart_items.quantity + excluded.quantity END,"
        " product_title = excluded.product_title, size = excluded.size,"
        " colour = excluded.colour"
        " RETURNING quantity",
        user_id,
        min(quantity, limit),
        utcnow(),
        variant_id,
        limit,
        limit,
    ).run()
    return int(rows[0]["quantity"]) if rows else None


async def set_quantity(user_id: int, variant_id: int, quantity: int) -> None:
    """Set the quantity of the user's line of a variant; 0 or less removes it."""
    where = (CartItem.user == user_id) & (CartItem.variant == variant_id)
    if quantity <= 0:
        await CartItem.delete().where(where).run()
    else:
        await CartItem.update({CartItem.quantity: quantity}).where(where).run()


async def set_line_quantity(user_id: int, line_id: int, quantity: int) -> bool:
    """Set a line's quantity; False (and nothing changed) when the line is not this
    user's. The caller checks the range against the line's `max_quantity`."""
    if quantity < 1:
        raise ValueError("quantity must be at least 1: remove the line instead")
    rows = await (
        CartItem.update({CartItem.quantity: quantity})
        .where(CartItem.id == line_id, CartItem.user == user_id)
        .returning(CartItem.id)
        .run()
    )
    return bool(rows)


async def remove_line(user_id: int, line_id: int) -> bool:
    """Remove a line; False (and nothing changed) when the line is not this user's."""
    rows = await (
        CartItem.delete()
        .where(CartItem.id == line_id, CartItem.user == user_id)
        .returning(CartItem.id)
        .run()
    )
    return bool(rows)


async def clear_cart(user_id: int) -> None:
    await CartItem.delete().where(CartItem.user == user_id).run()


async def count_lines(user_id: int) -> int:
    return int(await CartItem.count().where(CartItem.user == user_id).run())


async def has_line(user_id: int, variant_id: int) -> bool:
    return bool(
        await CartItem.exists()
        .where(CartItem.user == user_id, CartItem.variant == variant_id)
        .run()
    )


async def load_cart(user_id: int) -> Cart:
    """The user's whole cart: lines still in the catalogue and removed ones."""
    return Cart(tuple(await _lines(CartItem.user == user_id)))


async def get_line(user_id: int, line_id: int) -> AnyLine | None:
    """One line of the user's cart; None when there is no such line or it is not theirs."""
    lines = await _lines((CartItem.user == user_id) & (CartItem.id == line_id))
    return lines[0] if lines else None


async def checkout_lines(user_id: int) -> tuple[list[CartLine], list[AnyLine]]:
    """(available, unavailable): the cart split for checkout.

    `available` lines can be ordered now: the product is offered (available, category
    visible) and its variant has at least the line's quantity in stock. Only these may
    be checked out; their `subtotal`s add up to the cart's total. `unavailable` lines
    are the rest, each with a `state` saying why (`LineState.SHORT`, `SOLD_OUT`,
    `WITHDRAWN`, `REMOVED`); a `RemovedLine` has only its snapshot (title, size,
    colour, quantity), no variant. Stock may still change before the order is placed:
    the order processor re-checks it in its transaction.
    """
    cart = await load_cart(user_id)
    return cart.available, cart.unavailable


async def list_cart(user_id: int) -> list[CartLine]:
    """The user's lines whose variant still exists, oldest first (removed ones left out)."""
    return [line for line in (await load_cart(user_id)).lines if isinstance(line, CartLine)]


async def _lines(where: Combinable) -> list[AnyLine]:
    variant = CartItem.variant
    # Piccolo types a followed foreign key as `Column | Any`; these are FK columns.
    product = cast("ForeignKey[Product]", variant.product)
    category = cast("ForeignKey[Category]", product.category)
    # Aliases: Piccolo keys joined columns by *database* column names
    # ("variant_id.product_id.title"), which is easy to get wrong. Joins are LEFT
    # JOINs, so a removed line reads NULL for every variant and product column.
    rows = await (
        CartItem.select(
            CartItem.id.as_alias("line_id"),
            CartItem.variant.as_alias("variant_id"),
            CartItem.quantity,
            CartItem.product_title.as_alias("snapshot_title"),
            CartItem.size.as_alias("snapshot_size"),
            CartItem.colour.as_alias("snapshot_colour"),
            variant.product.as_alias("product_id"),
            variant.size.as_alias("size"),
            variant.colour.as_alias("colour"),
            variant.stock.as_alias("stock"),
            product.title.as_alias("title"),
            product.price.as_alias("price"),
            product.is_available.as_alias("is_available"),
            category.is_hidden.as_alias("category_hidden"),
        )
        .where(where)
        .order_by(CartItem.added_at, CartItem.id)
        .run()
    )
    return [_line(row) for row in rows]


def _line(row: dict[str, Any]) -> AnyLine:
    if row["variant_id"] is None:
        return RemovedLine(
            line_id=row["line_id"],
            title=row["snapshot_title"],
            size=row["snapshot_size"],
            colour=row["snapshot_colour"],
            quantity=row["quantity"],
        )
    return CartLine(
        line_id=row["line_id"],
        variant_id=row["variant_id"],
        product_id=row["product_id"],
        title=row["title"],
        size=row["size"],
        colour=row["colour"],
        unit_price=row["price"],
        quantity=row["quantity"],
        stock=row["stock"],
        is_available=bool(row["is_available"]) and not row["category_hidden"],
    )
