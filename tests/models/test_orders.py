"""Orders: one transaction, stock never oversold, idempotent placing, the status table
enforced, payments recorded once, unpaid online orders found when their time is up."""

from __future__ import annotations

from datetime import timedelta

import anyio
import pytest

from config import Settings
from models.admins import AuditLog
from models.carts import add_to_cart, list_cart, set_quantity
from models.catalogue import InsufficientStock, Product, ProductVariant
from models.clock import utcnow
from models.orders import (
    CANCELLED,
    CONFIRMED,
    DELIVERED,
    NEW,
    ONLINE,
    PAID,
    SHIPPED,
    Cause,
    DeliveryDetails,
    EmptyOrder,
    ItemUnavailable,
    Order,
    OrderedStock,
    OrderLine,
    PaymentOutcome,
    TransitionRefused,
    change_status,
    expired_unpaid_orders,
    get_order,
    list_items,
    ordered_stock,
    place_order,
    record_payment,
)
from runtime.database import DatabaseEngine, open_database
from tests.fixtures.statements import statements_logged, statements_sent
from tests.models.factories import make_user, make_variant, stock_of

CHECKOUT = DeliveryDetails("Ann", "+79990001122", "courier", address="1 Main St")


async def status_of(order_id: int) -> str:
    order = await get_order(order_id)
    assert order is not None
    return str(order.status)


async def test_place_order_snapshots_the_cart_and_takes_stock(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=5, price=100_00, title="Tee")
    cap = await make_variant(stock=1, price=50_00, title="Cap")
    await add_to_cart(user_id, tee, 1)
    await add_to_cart(user_id, tee, 1)
    await add_to_cart(user_id, cap)

    order_id = await place_order(user_id, CHECKOUT)

    order = await get_order(order_id)
    assert order is not None
    assert (order.total, order.status, order.payment_method) == (250_00, NEW, "on_delivery")
    items = await list_items(order_id)
    assert [(i.product_title, i.size, i.quantity, i.unit_price) for i in items] == [
        ("Tee", "M", 2, 100_00),
        ("Cap", "M", 1, 50_00),
    ]
    assert (await stock_of(tee), await stock_of(cap)) == (3, 0)
    assert await list_cart(user_id) == []


async def test_the_snapshot_outlives_a_price_change_and_the_variant(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=2, price=100_00, title="Tee")
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(tee, 1)])

    await Product.update({Product.price: 1, Product.title: "Renamed"}).where(
        Product.id.is_in(
            ProductVariant.select(ProductVariant.product).where(ProductVariant.id == tee)
        )
    )
    await ProductVariant.delete().where(ProductVariant.id == tee)

    items = await list_items(order_id)
    assert [(i.product_title, i.unit_price, i.variant) for i in items] == [("Tee", 100_00, None)]


async def test_the_stock_orders_hold_is_summed_per_variant_in_one_statement(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=10, title="Tee")
    cap = await make_variant(stock=5, title="Cap")
    gone = await make_variant(stock=5, title="Gone")
    first = await place_order(await make_user(), CHECKOUT, lines=[OrderLine(tee, 2)])
    second = await place_order(
        await make_user(), CHECKOUT, lines=[OrderLine(tee, 1), OrderLine(cap, 3)]
    )
    third = await place_order(await make_user(), CHECKOUT, lines=[OrderLine(gone, 1)])
    await ProductVariant.delete().where(ProductVariant.id == gone)
    await statements_logged()
    before = statements_sent()

    held = await ordered_stock([first, second, third])

    await statements_logged()
    assert held == [OrderedStock(tee, 3, 7), OrderedStock(cap, 3, 2)]
    if before is not None:  # PostgreSQL counts its statements
        assert statements_sent() == before + 1
    assert await ordered_stock([]) == []


async def test_a_shortfall_changes_nothing(db: DatabaseEngine) -> None:
    user_id = await make_user()
    plenty = await make_variant(stock=5)
    scarce = await make_variant(stock=1)
    await add_to_cart(user_id, plenty, 2)
    await add_to_cart(user_id, scarce, 1)
    await set_quantity(user_id, scarce, 2)

    with pytest.raises(InsufficientStock) as caught:
        await place_order(user_id, CHECKOUT)

    assert caught.value.variant_id == scarce
    assert (await stock_of(plenty), await stock_of(scarce)) == (5, 1)
    assert len(await list_cart(user_id)) == 2
    assert await Order.count() == 0
    with pytest.raises(EmptyOrder):
        await place_order(await make_user(), CHECKOUT)


async def test_a_withdrawn_product_is_not_ordered(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=5)
    await Product.update({Product.is_available: False}).where(
        Product.id.is_in(
            ProductVariant.select(ProductVariant.product).where(ProductVariant.id == tee)
        )
    )

    with pytest.raises(ItemUnavailable) as caught:
        await place_order(user_id, CHECKOUT, lines=[OrderLine(tee, 1)])

    assert caught.value.variant_id == tee
    assert await stock_of(tee) == 5


async def test_placing_twice_with_one_checkout_key_makes_one_order(db: DatabaseEngine) -> None:
    user_id = await make_user()
    tee = await make_variant(stock=5)
    lines = [OrderLine(tee, 2)]

    first = await place_order(user_id, CHECKOUT, lines=lines, checkout_key="key-1")
    again = await place_order(user_id, CHECKOUT, lines=lines, checkout_key="key-1")

    assert first == again
    assert await Order.count() == 1
    assert await stock_of(tee) == 3


async def test_two_shoppers_racing_for_the_last_item(db: DatabaseEngine) -> None:
    last = await make_variant(stock=1)
    shoppers = [await make_user(), await make_user()]
    for user_id in shoppers:
        await add_to_cart(user_id, last)
    outcomes: list[str] = []

    async def checkout(user_id: int) -> None:
        try:
            await place_order(user_id, CHECKOUT)
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


@pytest.mark.postgres
async def test_twenty_concurrent_transactions_sell_the_last_unit_once(
    postgres_database: Settings,
) -> None:
    """Truly concurrent transactions on PostgreSQL (the pool runs them in parallel)."""
    async with open_database(postgres_database):
        await race_for_the_last_unit(shoppers=20)


async def race_for_the_last_unit(shoppers: int) -> None:
    last = await make_variant(stock=1)
    users = [await make_user() for _ in range(shoppers)]
    outcomes: list[str] = []

    async def checkout(user_id: int) -> None:
        try:
            await place_order(user_id, CHECKOUT, lines=[OrderLine(last, 1)])
        except InsufficientStock:
            outcomes.append("refused")
        else:
            outcomes.append("ordered")

    with anyio.fail_after(30):
        async with anyio.create_task_group() as group:
            for user_id in users:
                group.start_soon(checkout, user_id)

    assert sorted(outcomes) == ["ordered"] + ["refused"] * (shoppers - 1)
    assert await stock_of(last) == 0
    assert await Order.count() == 1


async def test_statuses_move_only_as_the_table_allows_and_admin_moves_are_audited(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=5)
    order_id = await place_order(await make_user(), CHECKOUT, lines=[OrderLine(tee, 1)])

    with pytest.raises(TransitionRefused) as refused:
        await change_status(order_id, SHIPPED, cause=Cause.ADMIN, actor_id=77)
    assert refused.value.current == NEW
    with pytest.raises(TransitionRefused):
        await change_status(order_id, PAID, cause=Cause.ADMIN, actor_id=77)

    for target in (CONFIRMED, SHIPPED, DELIVERED):
        change = await change_status(order_id, target, cause=Cause.ADMIN, actor_id=77)
        assert change.current == target

    with pytest.raises(TransitionRefused):
        await change_status(order_id, CANCELLED, cause=Cause.ADMIN, actor_id=77)
    audit = await AuditLog.select(AuditLog.actor_id, AuditLog.action, AuditLog.target)
    assert audit == [{"actor_id": 77, "action": "order.status", "target": str(order_id)}] * 3
    assert await stock_of(tee) == 4


async def test_cancelling_puts_the_stock_back_once(db: DatabaseEngine) -> None:
    tee = await make_variant(stock=3)
    order_id = await place_order(await make_user(), CHECKOUT, lines=[OrderLine(tee, 2)])
    assert await stock_of(tee) == 1

    await change_status(order_id, CANCELLED, cause=Cause.ADMIN, actor_id=1)

    assert await stock_of(tee) == 3
    with pytest.raises(TransitionRefused):
        await change_status(order_id, CANCELLED, cause=Cause.ADMIN, actor_id=1)
    assert await stock_of(tee) == 3


async def online_order(stock: int = 5, due_in: timedelta = timedelta(minutes=30)) -> int:
    tee = await make_variant(stock=stock)
    return await place_order(
        await make_user(),
        CHECKOUT,
        lines=[OrderLine(tee, 1)],
        payment_method=ONLINE,
        payment_due_at=utcnow() + due_in,
    )


async def test_a_payment_is_recorded_once_per_charge(db: DatabaseEngine) -> None:
    order_id = await online_order()

    assert await record_payment(order_id, "charge-1") is PaymentOutcome.PAID
    assert await record_payment(order_id, "charge-1") is PaymentOutcome.DUPLICATE

    order = await get_order(order_id)
    assert order is not None
    assert (order.status, order.payment_charge_id) == (PAID, "charge-1")
    assert order.payment_due_at is None  # no longer awaiting payment
    with pytest.raises(TransitionRefused):  # only a payment makes an order paid
        await change_status(await online_order(), PAID, cause=Cause.ADMIN, actor_id=1)


async def test_an_online_order_ships_only_once_paid(db: DatabaseEngine) -> None:
    order_id = await online_order()
    await change_status(order_id, CONFIRMED, cause=Cause.ADMIN, actor_id=1)

    with pytest.raises(TransitionRefused):
        await change_status(order_id, SHIPPED, cause=Cause.ADMIN, actor_id=1)
    await record_payment(order_id, "charge-2")
    await change_status(order_id, SHIPPED, cause=Cause.ADMIN, actor_id=1)

    assert await status_of(order_id) == SHIPPED


async def test_money_for_a_cancelled_order_needs_a_refund_and_is_remembered(
    db: DatabaseEngine,
) -> None:
    order_id = await online_order()
    await change_status(order_id, CANCELLED, cause=Cause.PAYMENT_TIMEOUT)

    assert await record_payment(order_id, "late-charge") is PaymentOutcome.REFUND_NEEDED
    assert await record_payment(order_id, "late-charge") is PaymentOutcome.DUPLICATE
    assert await status_of(order_id) == CANCELLED


async def test_only_unpaid_online_orders_past_their_time_have_expired(db: DatabaseEngine) -> None:
    overdue = await online_order(due_in=timedelta(seconds=-1))
    paid_overdue = await online_order(due_in=timedelta(seconds=-1))
    await record_payment(paid_overdue, "paid-in-time")
    await online_order(due_in=timedelta(minutes=5))
    await place_order(await make_user(), CHECKOUT, lines=[OrderLine(await make_variant(), 1)])

    assert await expired_unpaid_orders(utcnow()) == [overdue]
    await change_status(overdue, CANCELLED, cause=Cause.PAYMENT_TIMEOUT)
    assert await expired_unpaid_orders(utcnow()) == []
