"""Many orders in one transaction: first come first served on stock, never below zero,
exactly once per checkout key (within a batch and across batches), each refusal the one
`place_order` would give, the rest of the batch placed."""

from __future__ import annotations

from models.carts import add_to_cart, list_cart
from models.catalogue import InsufficientStock, Product, ProductVariant
from models.clock import utcnow
from models.order_batches import (
    BatchPlaced,
    BatchRefused,
    OrderRequest,
    VariantName,
    place_orders,
)
from models.orders import (
    DeliveryDetails,
    EmptyOrder,
    ItemUnavailable,
    Order,
    OrderItem,
    OrderLine,
    get_order,
    list_items,
)
from models.users import get_user
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent
from tests.models.factories import make_user, make_variant, stock_of

DELIVERY = DeliveryDetails("Ann", "+79990001122", "pickup")


async def telegram_id_of(user_id: int) -> int:
    row = await Order.raw("SELECT telegram_id FROM users WHERE id = {}", user_id)
    return int(row[0]["telegram_id"])


async def shopper() -> int:
    """A recorded shopper's Telegram id."""
    return await telegram_id_of(await make_user())


def request(key: str, telegram_id: int, *lines: tuple[int, int]) -> OrderRequest:
    return OrderRequest(key, telegram_id, DELIVERY, [OrderLine(v, n) for v, n in lines])


async def test_twenty_buyers_of_the_last_item_in_one_batch_make_one_order(
    db: DatabaseEngine,
) -> None:
    last = await make_variant(stock=1, title="Tee")
    buyers = [await shopper() for _ in range(20)]

    outcomes = await place_orders(
        [request(f"key-{n}", buyer, (last, 1)) for n, buyer in enumerate(buyers)]
    )

    placed = [o for o in outcomes if isinstance(o, BatchPlaced)]
    refused = [o for o in outcomes if isinstance(o, BatchRefused)]
    assert len(placed) == 1 and placed[0] == outcomes[0] and placed[0].fresh
    assert len(refused) == 19
    shorts = [o.error for o in refused if isinstance(o.error, InsufficientStock)]
    assert [short.variant_id for short in shorts] == [last] * 19
    assert {o.item for o in refused} == {VariantName("Tee", "M", None)}
    assert await stock_of(last) == 0
    assert await Order.count() == 1
    assert await OrderItem.count() == 1


async def test_stock_is_shared_in_the_batch_order_and_never_goes_below_zero(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=3, price=100_00, title="Tee")
    cap = await make_variant(stock=1, price=50_00, title="Cap")
    ann, bob, cid = await shopper(), await shopper(), await shopper()

    outcomes = await place_orders(
        [
            request("ann", ann, (tee, 2), (cap, 1)),
            request("bob", bob, (tee, 1), (cap, 1)),  # the cap is gone: all of it refused
            request("cid", cid, (tee, 1)),
        ]
    )

    ann_order, bob_refused, cid_order = outcomes
    assert isinstance(ann_order, BatchPlaced) and isinstance(cid_order, BatchPlaced)
    assert isinstance(bob_refused, BatchRefused)
    assert isinstance(bob_refused.error, InsufficientStock)
    assert bob_refused.error.variant_id == cap
    assert (await stock_of(tee), await stock_of(cap)) == (0, 0)
    order = await get_order(ann_order.order_id)
    assert order is not None and order.total == 2 * 100_00 + 50_00
    assert order.checkout_key == "ann" and order.announced_at is None
    items = await list_items(ann_order.order_id)
    assert [(i.product_title, i.quantity, i.unit_price) for i in items] == [
        ("Tee", 2, 100_00),
        ("Cap", 1, 50_00),
    ]


async def test_the_same_checkout_twice_in_a_batch_and_again_later_is_one_order(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=5)
    ann = await shopper()

    first, again = await place_orders([request("k1", ann, (tee, 1)), request("k1", ann, (tee, 1))])
    later = await place_orders([request("k1", ann, (tee, 1)), request("k2", ann, (tee, 2))])

    assert isinstance(first, BatchPlaced) and first.fresh
    assert again == first
    assert isinstance(later[0], BatchPlaced)
    assert later[0].order_id == first.order_id and not later[0].fresh
    assert isinstance(later[1], BatchPlaced) and later[1].fresh
    assert await Order.count() == 2
    assert await stock_of(tee) == 5 - 1 - 2


async def test_an_unavailable_item_or_an_unknown_shopper_is_refused_and_the_rest_placed(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=5)
    hidden = await make_variant(stock=5, title="Old tee")
    row = await ProductVariant.select(ProductVariant.product).where(ProductVariant.id == hidden)
    withdrawn = row[0]["product_id"]
    await Product.update({Product.is_available: False}).where(Product.id == withdrawn)
    ann, bob = await shopper(), await shopper()

    gone, stranger, empty, fine = await place_orders(
        [
            request("gone", ann, (tee, 1), (hidden, 1)),
            request("stranger", 77_000_001, (tee, 1)),
            request("empty", bob),
            request("fine", bob, (tee, 1)),
        ],
        announced_at=None,
    )

    assert isinstance(gone, BatchRefused) and isinstance(gone.error, ItemUnavailable)
    assert gone.item == VariantName("Old tee", "M", None)
    assert isinstance(stranger, BatchRefused) and isinstance(stranger.error, EmptyOrder)
    assert isinstance(empty, BatchRefused) and isinstance(empty.error, EmptyOrder)
    assert isinstance(fine, BatchPlaced)
    assert await stock_of(tee) == 4 and await stock_of(hidden) == 5


async def test_placed_lines_leave_the_cart_and_announced_at_is_written(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=5)
    cap = await make_variant(stock=5)
    user_id = await make_user()
    await add_to_cart(user_id, tee, 1)
    await add_to_cart(user_id, cap, 1)
    user = await get_user(await telegram_id_of(user_id))
    assert user is not None

    (placed,) = await place_orders(
        [request("k", int(user.telegram_id), (tee, 1))], announced_at=utcnow()
    )

    assert isinstance(placed, BatchPlaced) and placed.announced
    assert [line.variant_id for line in await list_cart(user_id)] == [cap]
    order = await get_order(placed.order_id)
    assert order is not None and order.announced_at is not None


async def test_a_batch_is_the_same_few_statements_for_three_orders_or_thirty(
    db: DatabaseEngine,
) -> None:
    tee = await make_variant(stock=100, title="Tee")
    buyers = [await shopper() for _ in range(33)]
    (before,) = await place_orders([request("key-0", buyers[0], (tee, 1))])
    sent: list[int] = []
    for batch in (buyers[:3], buyers[3:]):  # key-0 again in the first: placed before
        await statements_logged()
        count = statements_sent()
        outcomes = await place_orders(
            [request(f"key-{buyers.index(b)}", b, (tee, 1)) for b in batch]
        )
        await statements_logged()
        if count is not None:  # PostgreSQL counts its statements (runtime.db_statements)
            sent.append((statements_sent() or 0) - count)
        assert len(outcomes) == len(batch)

    assert all(isinstance(o, BatchPlaced) and o.fresh for o in outcomes)
    assert isinstance(before, BatchPlaced) and before.fresh
    assert await Order.count() == 33 and await stock_of(tee) == 67
    if sent:
        # BEGIN, the orders placed before with the users, the lock, the stock update,
        # the orders with their items and the carts' clean-up, COMMIT.
        assert sent == [6, 6]
