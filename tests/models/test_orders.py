"""Checkout: one transaction, stock never oversold, cancellation puts stock back."""

from __future__ import annotations

import anyio
import pytest

from models.carts import add_to_cart, list_cart, set_quantity
from models.catalogue import InsufficientStock
from models.orders import (
    CANCELLED,
    PAID,
    EmptyCart,
    cancel_order,
    get_order,
    list_items,
    mark_paid,
    place_order,
)
from runtime.database import DatabaseEngine
from tests.models.factories import make_user, make_variant, stock_of

CHECKOUT = {"customer_name": "Ann", "phone": "+7000", "delivery_method": "courier"}


async def test_place_order_snapshots_the_cart_and_takes_stock(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=5, price=100_00, title="Tee")
    cap = await make_variant(stock=1, price=50_00, title="Cap")
    await add_to_cart(user_id, tee, 1)
    await add_to_cart(user_id, tee, 1)
    await add_to_cart(user_id, cap)

    order_id = await place_order(user_id, **CHECKOUT)

    order = await get_order(order_id)
    assert order is not None
    assert (order.total, order.status) == (250_00, "new")
    items = await list_items(order_id)
    assert [(i.product_title, i.quantity, i.unit_price) for i in items] == [
        ("Tee", 2, 100_00),
        ("Cap", 1, 50_00),
    ]
    assert (await stock_of(tee), await stock_of(cap)) == (3, 0)
    assert await list_cart(user_id) == []

    assert await mark_paid(order_id, "charge-1")
    assert await cancel_order(order_id)
    assert (await stock_of(tee), await stock_of(cap)) == (5, 1)
    cancelled = await get_order(order_id)
    assert cancelled is not None and cancelled.status == CANCELLED
    assert not await mark_paid(order_id, "charge-2")
    assert PAID != CANCELLED


async def test_a_shortfall_changes_nothing(db: DatabaseEngine) -> None:
    user_id = await make_user()
    plenty = await make_variant(stock=5)
    scarce = await make_variant(stock=1)
    await add_to_cart(user_id, plenty, 2)
    await add_to_cart(user_id, scarce, 1)
    await set_quantity(user_id, scarce, 2)

    with pytest.raises(InsufficientStock) as caught:
        await place_order(user_id, **CHECKOUT)

    assert caught.value.variant_id == scarce
    assert (await stock_of(plenty), await stock_of(scarce)) == (5, 1)
    assert len(await list_cart(user_id)) == 2
    with pytest.raises(EmptyCart):
        await place_order(await make_user(), **CHECKOUT)


async def test_two_shoppers_racing_for_the_last_item(db: DatabaseEngine) -> None:
    last = await make_variant(stock=1)
    shoppers = [await make_user(), await make_user()]
    for user_id in shoppers:
        await add_to_cart(user_id, last)
    outcomes: list[str] = []

    async def checkout(user_id: int) -> None:
        try:
            await place_order(user_id, **CHECKOUT)
        except InsufficientStock:
            outcomes.append("refused")
        else:
            outcomes.append("ordered")

    with anyio.fail_after(20):
        async with anyio.create_task_group() as group:
            for user_id in shoppers:
                group.start_soon(checkout, user_id)

    assert sorted(outcomes) == ["ordered", "refused"]
    assert await stock_of(last) == 0
