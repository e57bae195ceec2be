"""An order as its notices show it is one statement, and reads the same as the card's
Piccolo loads: the order, its items, its customer, its history with who moved it, and
the recipient's language and access hash. A notice's claim reads its order in the same
statement on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from piccolo.table import Table

from bot.admin.order_cards import load_card
from models.order_history import OrderStatusChange
from models.order_notices import (
    NoticeSpec,
    OrderNotice,
    list_notices,
    mark_sent,
    queue_notices,
)
from models.order_views import (
    _build,
    claim_first_with_views,
    claim_next_with_view,
    load_order_view,
)
from models.orders import (
    CONFIRMED,
    SHIPPED,
    Cause,
    DeliveryDetails,
    Order,
    OrderItem,
    OrderLine,
    change_status,
    place_order,
)
from models.users import User, record_user, save_access_hash
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent
from tests.models.factories import make_user, make_variant

CHECKOUT = DeliveryDetails("Ann", "+79990001122", "courier", address="1 Main St")
ADMIN = 5_550_001


async def test_an_orders_view_reads_what_its_card_shows(db: DatabaseEngine) -> None:
    user_id = await make_user(5_550_002)
    tee = await make_variant(stock=5, price=100_00, title="Tee")
    cap = await make_variant(stock=5, price=50_00, title="Cap")
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(tee, 2), OrderLine(cap, 1)])
    await record_user(ADMIN, first_name="Ann", last_name=None, username=None, language="en")
    await save_access_hash(ADMIN, 4242)
    await change_status(order_id, CONFIRMED, cause=Cause.ADMIN, actor_id=ADMIN)
    await change_status(order_id, SHIPPED, cause=Cause.ADMIN, actor_id=ADMIN)

    await statements_logged()
    before = statements_sent()
    view = await load_order_view(order_id, ADMIN)
    await statements_logged()
    if before is not None:  # PostgreSQL counts its statements (runtime.db_statements)
        assert statements_sent() == before + 1
    card = await load_card(order_id)

    assert view is not None and card is not None
    assert view.order.to_dict() == card.order.to_dict()
    assert [item.to_dict() for item in view.items] == [item.to_dict() for item in card.items]
    assert card.customer is not None and view.customer is not None
    assert view.customer.to_dict() == card.customer.to_dict()
    assert view.history == card.history
    assert len(view.history) == 2
    assert view.actors == dict(card.actors) == {ADMIN: "Ann"}
    assert (view.recipient_language, view.recipient_access_hash) == ("en", 4242)


async def test_an_orders_view_for_an_unknown_recipient_and_no_order(db: DatabaseEngine) -> None:
    user_id = await make_user(5_550_003)
    tee = await make_variant(stock=5, price=100_00, title="Tee")
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(tee, 1)])

    view = await load_order_view(order_id, 999_999_999)

    assert view is not None
    assert (view.history, view.actors) == ([], {})
    assert [item.quantity for item in view.items] == [1]
    assert (view.recipient_language, view.recipient_access_hash) == (None, None)
    assert await load_order_view(order_id + 1000, ADMIN) is None


async def test_a_claimed_notice_comes_with_its_order_as_its_recipient_sees_it(
    db: DatabaseEngine,
) -> None:
    user_id = await make_user(5_550_004)
    tee = await make_variant(stock=5, price=100_00, title="Tee")
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(tee, 2)])
    await record_user(ADMIN, first_name="Ann", last_name=None, username=None, language="ru")
    await save_access_hash(ADMIN, 4343)
    for notice in await list_notices(order_id):  # the order's own notices: out of the way
        await OrderNotice.update({OrderNotice.state: "sent"}).where(OrderNotice.id == notice.id)
    await queue_notices([NoticeSpec(order_id, "test.card", ADMIN, {"n": 1})])

    await statements_logged()
    before = statements_sent()
    claimed = await claim_next_with_view(order_id)
    await statements_logged()
    if before is not None:  # PostgreSQL: the claim and the view are one statement
        assert statements_sent() == before + 1

    assert claimed is not None and claimed.view is not None
    assert (claimed.notice.kind, claimed.notice.recipient) == ("test.card", ADMIN)
    assert (claimed.notice.attempts, dict(claimed.notice.details)) == (1, {"n": 1})
    expected = await load_order_view(order_id, ADMIN)
    assert expected is not None
    assert claimed.view.order.to_dict() == expected.order.to_dict()
    assert [i.to_dict() for i in claimed.view.items] == [i.to_dict() for i in expected.items]
    assert (claimed.view.recipient_language, claimed.view.recipient_access_hash) == ("ru", 4343)
    await mark_sent(claimed.notice.id)
    assert await claim_next_with_view(order_id) is None


async def test_a_claimed_notice_of_a_gone_order_has_no_view(db: DatabaseEngine) -> None:
    gone = 987_654_321
    await queue_notices([NoticeSpec(gone, "test.card", ADMIN)])

    claimed = await claim_next_with_view(gone)

    assert claimed is not None and claimed.view is None
    assert (claimed.notice.order_id, claimed.notice.attempts) == (gone, 1)


async def test_the_first_notices_of_many_orders_are_claimed_with_their_orders_at_once(
    db: DatabaseEngine,
) -> None:
    await record_user(ADMIN, first_name="Ann", last_name=None, username=None, language="en")
    tee = await make_variant(stock=9, price=100_00, title="Tee")
    orders = [
        await place_order(await make_user(5_550_010 + n), CHECKOUT, lines=[OrderLine(tee, n + 1)])
        for n in range(3)
    ]
    *busy, quiet = orders
    for order_id in orders:  # the orders' own notices: out of the way
        for notice in await list_notices(order_id):
            await OrderNotice.update({OrderNotice.state: "sent"}).where(OrderNotice.id == notice.id)
    await queue_notices(
        [NoticeSpec(o, kind, ADMIN, {"order": o}) for o in busy for kind in ("first", "then")]
    )

    await statements_logged()
    before = statements_sent()
    claims = await claim_first_with_views([*orders, 987_654_321])  # and an unknown one
    await statements_logged()
    if before is not None:  # PostgreSQL: one statement for them all
        assert statements_sent() == before + 1

    assert sorted(claims) == sorted(busy)  # the quiet order has nothing pending
    for order_id in busy:
        claim = claims[order_id]
        assert (claim.notice.kind, claim.notice.attempts) == ("first", 1)
        assert dict(claim.notice.details) == {"order": order_id}
        expected = await load_order_view(order_id, ADMIN)
        assert claim.view is not None and expected is not None
        assert claim.view.order.to_dict() == expected.order.to_dict()
        assert [i.to_dict() for i in claim.view.items] == [i.to_dict() for i in expected.items]
        await mark_sent(claim.notice.id)
    again = await claim_first_with_views(orders)
    assert {o: c.notice.kind for o, c in again.items()} == {o: "then" for o in busy}
    assert quiet not in again


@pytest.mark.parametrize("table", [Order, OrderItem, User, OrderStatusChange])
def test_a_folded_row_is_the_object_piccolos_constructor_makes(table: type[Table]) -> None:
    values: dict[str, Any] = {c._meta.name: f"value of {c._meta.name}" for c in table._meta.columns}
    row = {f"x_{name}": value for name, value in values.items()}

    built = _build(table, "x", row)

    made = table(_exists_in_db=True, **values)
    assert type(built) is table
    assert built.__dict__ == made.__dict__
    assert built.to_dict() == made.to_dict()
