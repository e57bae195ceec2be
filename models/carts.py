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
from typing import Any

from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.catalogue import ProductVariant
from models.clock import utcnow
from models.users import User
from runtime.db_raw import fetch_rows

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


#: The upserts' end: an existing line gets the quantity added (capped at the limit, the
#: two `{}`) and its snapshot refreshed; the line's quantity is returned.
_ADD_TO_LINE = (
    " ON CONFLICT (user_id, variant_id) DO UPDATE SET"
    " quantity = CASE WHEN cart_items.quantity + excluded.quantity > {} THEN {}"
    " ELSE cart_items.quantity + excluded.quantity END,"
    " product_title = excluded.product_title, size = excluded.size,"
    " colour = excluded.colour"
    " RETURNING quantity"
)


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
    rows = await fetch_rows(
        CartItem,
        "INSERT INTO cart_items"
        " (user_id, variant_id, quantity, added_at, product_title, size, colour)"
        " SELECT {}, v.id, {}, {}, p.title, v.size, v.colour"
        " FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.id = {}"
        + _ADD_TO_LINE,
        user_id,
        min(quantity, limit),
        utcnow(),
        variant_id,
        limit,
        limit,
    )
    return int(rows[0]["quantity"]) if rows else None


async def add_to_cart_of(
    telegram_id: int,
    variant_id: int,
    quantity: int = 1,
    *,
    limit: int = MAX_LINE_QUANTITY,
    max_lines: int = MAX_CART_LINES,
) -> int | None:
    """`add_to_cart` by Telegram id, refusing a new line in a cart of `max_lines`
    lines, in one statement: the line's quantity now, or None when nothing was added
    (the cart is full, or the variant or the user does not exist: `count_lines_of`
    tells a full cart apart)."""
    if quantity < 1 or limit < 1:
        raise ValueError("quantity and limit must be at least 1")
    rows = await fetch_rows(
        CartItem,
        "INSERT INTO cart_items"
        " (user_id, variant_id, quantity, added_at, product_title, size, colour)"
        " SELECT u.id, v.id, {}, {}, p.title, v.size, v.colour"
        " FROM users u, product_variants v JOIN products p ON p.id = v.product_id"
        " WHERE u.telegram_id = {} AND v.id = {} AND ("
        "  (SELECT count(*) FROM cart_items l WHERE l.user_id = u.id) < {}"
        "  OR EXISTS (SELECT 1 FROM cart_items l WHERE l.user_id = u.id AND l.variant_id = v.id))"
        + _ADD_TO_LINE,
        min(quantity, limit),
        utcnow(),
        telegram_id,
        variant_id,
        max_lines,
        limit,
        limit,
    )
    return int(rows[0]["quantity"]) if rows else None


async def count_lines_of(telegram_id: int) -> int:
    rows = await fetch_rows(
        CartItem,
        "SELECT count(*) AS lines FROM cart_items ci JOIN users u ON u.id = ci.user_id"
        " WHERE u.telegram_id = {}",
        telegram_id,
    )
    return int(rows[0]["lines"])


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


async def load_cart(user_id: int) -> Cart:
    """The user's whole cart: lines still in the catalogue and removed ones."""
    return Cart(tuple(await _lines("ci.user_id = {}", user_id)))


async def load_cart_of(telegram_id: int) -> Cart:
    """`load_cart` by Telegram id, in one statement (empty for an unknown user)."""
    return Cart(tuple(await _lines("u.telegram_id = {}", telegram_id)))


async def get_line(user_id: int, line_id: int) -> AnyLine | None:
    """One line of the user's cart; None when there is no such line or it is not theirs."""
    lines = await _lines("ci.user_id = {} AND ci.id = {}", user_id, line_id)
    return lines[0] if lines else None


async def get_line_of(telegram_id: int, line_id: int) -> tuple[int, AnyLine] | None:
    """(users.id, line) for a line of the Telegram user's cart, in one statement; None
    when there is no such line or it is not theirs."""
    rows = await _rows("u.telegram_id = {} AND ci.id = {}", telegram_id, line_id)
    return (int(rows[0]["user_id"]), _line(rows[0])) if rows else None


async def remove_line_of(telegram_id: int, line_id: int) -> bool:
    """`remove_line` by Telegram id, in one statement."""
    rows = await fetch_rows(
        CartItem,
        "DELETE FROM cart_items WHERE id = {}"
        " AND user_id = (SELECT id FROM users WHERE telegram_id = {}) RETURNING id",
        line_id,
        telegram_id,
    )
    return bool(rows)


async def clear_cart_of(telegram_id: int) -> None:
    """Empty the Telegram user's cart, in one statement."""
    await fetch_rows(
        CartItem,
        "DELETE FROM cart_items WHERE user_id = (SELECT id FROM users WHERE telegram_id = {})",
        telegram_id,
    )


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


async def checkout_lines_of(telegram_id: int) -> tuple[list[CartLine], list[AnyLine]]:
    """`checkout_lines` by Telegram id, in one statement."""
    cart = await load_cart_of(telegram_id)
    return cart.available, cart.unavailable


async def list_cart(user_id: int) -> list[CartLine]:
    """The user's lines whose variant still exists, oldest first (removed ones left out)."""
    return [line for line in (await load_cart(user_id)).lines if isinstance(line, CartLine)]


#: A cart's lines with their variant, product and category as they are now (LEFT JOINs:
#: a removed line reads NULL for every variant and product column), oldest first.
_LINES = (
    "SELECT ci.id AS line_id, ci.user_id, ci.variant_id, ci.quantity,"
    " ci.product_title AS snapshot_title, ci.size AS snapshot_size,"
    " ci.colour AS snapshot_colour, v.product_id, v.size, v.colour, v.stock,"
    " p.title, p.price, p.is_available, c.is_hidden AS category_hidden"
    " FROM cart_items ci JOIN users u ON u.id = ci.user_id"
    " LEFT JOIN product_variants v ON v.id = ci.variant_id"
    " LEFT JOIN products p ON p.id = v.product_id"
    " LEFT JOIN categories c ON c.id = p.category_id"
    " WHERE {where} ORDER BY ci.added_at, ci.id"
)


async def _rows(where: str, *args: Any) -> list[dict[str, Any]]:
    """The cart rows `where` selects (plain SQL: `ci` the line, `u` its user), one
    statement with no foreign-key traversal."""
    rows: list[dict[str, Any]] = await fetch_rows(CartItem, _LINES.format(where=where), *args)
    return rows


async def _lines(where: str, *args: Any) -> list[AnyLine]:
    return [_line(row) for row in await _rows(where, *args)]


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
