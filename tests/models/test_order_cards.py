"""An admin's cards of an order: recorded once each, the latest CARDS_PER_CHAT per chat
kept, in one statement on PostgreSQL (one card per admin per new order)."""

from __future__ import annotations

from models.order_cards import CARDS_PER_CHAT, list_cards, record_card
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent

ORDER, OTHER_ORDER, ADMIN, OTHER_ADMIN = 7, 8, 5_560_001, 5_560_002


async def test_a_card_recorded_twice_is_kept_once(db: DatabaseEngine) -> None:
    await record_card(ORDER, ADMIN, 100)
    await record_card(ORDER, ADMIN, 100)

    assert [(c.chat_id, c.message_id) for c in await list_cards(ORDER)] == [(ADMIN, 100)]


async def test_only_the_latest_cards_of_an_order_are_kept_per_chat(db: DatabaseEngine) -> None:
    for message_id in range(100, 100 + CARDS_PER_CHAT + 2):
        await record_card(ORDER, ADMIN, message_id)
    await record_card(ORDER, OTHER_ADMIN, 500)
    await record_card(OTHER_ORDER, ADMIN, 900)

    kept = [(c.chat_id, c.message_id) for c in await list_cards(ORDER)]
    latest = list(range(100 + 2, 100 + CARDS_PER_CHAT + 2))
    assert kept == [(ADMIN, m) for m in latest] + [(OTHER_ADMIN, 500)]
    assert [c.message_id for c in await list_cards(OTHER_ORDER)] == [900]


async def test_a_card_recorded_again_at_the_cap_keeps_every_latest_card(
    db: DatabaseEngine,
) -> None:
    latest = list(range(100, 100 + CARDS_PER_CHAT))
    for message_id in latest:
        await record_card(ORDER, ADMIN, message_id)

    await record_card(ORDER, ADMIN, latest[-1])

    assert [c.message_id for c in await list_cards(ORDER)] == latest


async def test_recording_a_card_is_one_statement(db: DatabaseEngine) -> None:
    await record_card(ORDER, ADMIN, 99)
    await statements_logged()
    before = statements_sent()
    await record_card(ORDER, ADMIN, 100)
    await statements_logged()
    if before is not None:  # PostgreSQL counts its statements (runtime.db_statements)
        assert statements_sent() == before + 1
