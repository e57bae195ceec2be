"""The notice ledger's sender statements: a notice marked sent and the order's next one
claimed in one statement on PostgreSQL, oldest first, each attempt counted."""

from __future__ import annotations

import json

from models.order_notices import (
    NoticeSpec,
    OrderNotice,
    claim_next,
    list_notices,
    mark_sent_and_claim_next,
    queue_notices,
)
from models.orders import DeliveryDetails, OrderLine, place_order
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent
from tests.models.factories import make_user, make_variant

CHECKOUT = DeliveryDetails("Ann", "+79990001122", "pickup")


async def test_marking_a_notice_sent_claims_the_orders_next_until_none_is_left(
    db: DatabaseEngine,
) -> None:
    user_id = await make_user(5_580_001)
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(await make_variant(), 1)])
    before = {notice.id for notice in await list_notices(order_id)}
    await queue_notices([NoticeSpec(order_id, f"test.{n}", 5_580_100 + n) for n in range(3)])
    ours = [n for n in await list_notices(order_id) if n.id not in before]
    for notice in await list_notices(order_id):
        if notice.id in before:  # the order's own notices: out of the way
            await OrderNotice.update({OrderNotice.state: "sent"}).where(OrderNotice.id == notice.id)

    first = await claim_next(order_id)
    assert first is not None and first.kind == "test.0" and first.attempts == 1
    await statements_logged()
    statements = statements_sent()
    second = await mark_sent_and_claim_next(first)
    await statements_logged()
    if statements is not None:  # PostgreSQL counts its statements (runtime.db_statements)
        assert statements_sent() == statements + 1
    assert second is not None and second.kind == "test.1" and second.attempts == 1
    third = await mark_sent_and_claim_next(second)
    assert third is not None and third.kind == "test.2"
    assert await mark_sent_and_claim_next(third) is None

    states = {n.id: (n.state, n.attempts) for n in await list_notices(order_id)}
    assert [states[n.id] for n in ours] == [("sent", 1)] * 3


async def test_a_batch_of_notices_is_one_insert_that_skips_those_written_before(
    db: DatabaseEngine,
) -> None:
    user_id = await make_user(5_580_002)
    order_id = await place_order(user_id, CHECKOUT, lines=[OrderLine(await make_variant(), 1)])
    before = len(await list_notices(order_id))
    first = NoticeSpec(order_id, "test.status", 5_580_200, {"previous": "new", "n": 1})
    await queue_notices([first])

    await statements_logged()
    statements = statements_sent()
    again = NoticeSpec(order_id, "test.status", 5_580_200, {"previous": "other"})
    fresh = [NoticeSpec(order_id, "test.card", 5_580_201 + n) for n in range(3)]
    await queue_notices([again, *fresh, fresh[0]])
    await statements_logged()
    if statements is not None:  # BEGIN, the INSERT, COMMIT
        assert statements_sent() == statements + 3

    notices = (await list_notices(order_id))[before:]
    assert [(n.kind, n.recipient) for n in notices] == [
        ("test.status", 5_580_200),
        *[("test.card", 5_580_201 + n) for n in range(3)],
    ]
    details = notices[0].details
    assert (json.loads(details) if isinstance(details, str) else details) == {
        "previous": "new",
        "n": 1,
    }
    assert all(n.state == "pending" and n.attempts == 0 and n.nonce != 0 for n in notices)
    assert len({n.nonce for n in notices}) == len(notices)
