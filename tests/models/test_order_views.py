"""An order as its notices show it is one statement, and reads the same as the card's
Piccolo loads: the order, its items, its customer, its history with who moved it, and
the recipient's language and access hash."""

from __future__ import annotations

from bot.admin.order_cards import load_card
from models.order_views import load_order_view
from models.orders import (
    CONFIRMED,
    SHIPPED,
    Cause,
    DeliveryDetails,
    OrderLine,
    change_status,
    place_order,
)
from models.users import record_user, save_access_hash
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
