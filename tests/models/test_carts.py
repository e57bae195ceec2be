"""Carts: lines capped, kept after their product is deleted, split for checkout, and
touched only by their owner."""

from __future__ import annotations

from models.carts import (
    CartLine,
    LineState,
    RemovedLine,
    add_to_cart,
    checkout_lines,
    get_line,
    list_cart,
    load_cart,
    remove_line,
    set_line_quantity,
)
from models.catalogue import Product, ProductVariant
from runtime.database import DatabaseEngine
from tests.models.factories import make_user, make_variant


async def _product_of(variant_id: int) -> int:
    row = await (
        ProductVariant.select(ProductVariant.product.as_alias("product_id"))
        .where(ProductVariant.id == variant_id)
        .first()
    )
    assert row is not None
    return int(row["product_id"])


async def test_adding_returns_the_line_quantity_capped_at_the_limit(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=5)

    assert await add_to_cart(user_id, tee, 2, limit=5) == 2
    assert await add_to_cart(user_id, tee, 2, limit=5) == 4
    assert await add_to_cart(user_id, tee, 3, limit=5) == 5
    assert await add_to_cart(user_id, 10_000_000, 1) is None
    assert [line.quantity for line in await list_cart(user_id)] == [5]


async def test_a_deleted_product_leaves_a_removed_line_with_its_snapshot(
    db: DatabaseEngine,
) -> None:
    user_id = await make_user()
    jacket = await make_variant(title="Jacket", price=7_000_00)
    tee = await make_variant(title="Tee", price=1_000_00)
    await add_to_cart(user_id, jacket, 2)
    await add_to_cart(user_id, tee, 1)

    await Product.delete().where(Product.id == await _product_of(jacket))

    cart = await load_cart(user_id)
    removed, kept = cart.lines
    assert isinstance(removed, RemovedLine)
    assert (removed.title, removed.size, removed.quantity) == ("Jacket", "M", 2)
    assert removed.state is LineState.REMOVED
    assert isinstance(kept, CartLine) and kept.state is LineState.AVAILABLE
    assert cart.total == 1_000_00
    assert [line.title for line in await list_cart(user_id)] == ["Tee"]


async def test_checkout_lines_are_the_ones_that_can_be_ordered_now(db: DatabaseEngine) -> None:
    user_id = await make_user()
    ok = await make_variant(stock=3, title="Ok")
    short = await make_variant(stock=3, title="Short")
    sold_out = await make_variant(stock=3, title="Sold out")
    await add_to_cart(user_id, ok, 3)
    await add_to_cart(user_id, short, 3)
    await add_to_cart(user_id, sold_out, 1)
    await ProductVariant.update({ProductVariant.stock: 2}).where(ProductVariant.id == short)
    await ProductVariant.update({ProductVariant.stock: 0}).where(ProductVariant.id == sold_out)

    available, unavailable = await checkout_lines(user_id)

    assert [(line.title, line.quantity) for line in available] == [("Ok", 3)]
    assert [(line.title, line.state) for line in unavailable] == [
        ("Short", LineState.SHORT),
        ("Sold out", LineState.SOLD_OUT),
    ]


async def test_a_line_is_changed_or_removed_only_by_its_owner(db: DatabaseEngine) -> None:
    owner, other = await make_user(), await make_user()
    tee = await make_variant(stock=5)
    await add_to_cart(owner, tee, 1)
    [line] = (await load_cart(owner)).lines

    assert await get_line(other, line.line_id) is None
    assert not await set_line_quantity(other, line.line_id, 3)
    assert not await remove_line(other, line.line_id)
    assert [line.quantity for line in await list_cart(owner)] == [1]

    assert await set_line_quantity(owner, line.line_id, 3)
    assert [line.quantity for line in await list_cart(owner)] == [3]
    assert await remove_line(owner, line.line_id)
    assert await list_cart(owner) == []
