"""Back-in-stock waits: one per shopper and variant, due once the variant is back (also
after a crash left it unmarked), claimed with their attempt counted, over once told."""

from __future__ import annotations

from actors.broadcast.stock_notices import random_id_for_wait
from models.catalogue import adjust_stock
from models.stock_waits import (
    MAX_ATTEMPTS,
    StockWait,
    cancel_wait,
    claim_due,
    create_wait,
    list_waits,
    mark_due,
    mark_due_in_stock,
    mark_notified,
)
from runtime.database import DatabaseEngine
from tests.models.factories import make_user, make_variant

ANNA, BORIS = 5001, 5002


async def test_a_wait_is_due_once_its_variant_is_back_and_over_once_told(
    db: DatabaseEngine,
) -> None:
    await make_user(ANNA)
    variant = await make_variant(stock=0, title="Tee")
    assert await create_wait(ANNA, variant)
    assert not await create_wait(ANNA, variant)  # waiting already
    assert [(w.title, w.size) for w in await list_waits(ANNA)] == [("Tee", "M")]
    assert await claim_due() == []  # not back yet

    assert await mark_due([variant]) == 1
    assert await mark_due([variant]) == 0  # marked once
    [due] = await claim_due()
    assert (due.telegram_id, due.language, due.title, due.attempts) == (ANNA, "ru", "Tee", 1)
    await mark_notified(due.id)
    assert await claim_due() == []
    assert await list_waits(ANNA) == []

    assert await create_wait(ANNA, variant)  # waiting again after a notice: a new nonce
    [row] = await StockWait.select(StockWait.nonce, StockWait.due_at)
    assert row["nonce"] != due.nonce and row["due_at"] is None


async def test_the_catch_up_marks_waits_a_crash_left_unmarked(db: DatabaseEngine) -> None:
    variant = await make_variant(stock=0)
    await create_wait(ANNA, variant)
    await adjust_stock(variant, 2)  # committed, then the process died before mark_due
    assert await mark_due_in_stock() == 1
    assert [due.telegram_id for due in await claim_due()] == [ANNA]


async def test_a_wait_whose_send_keeps_failing_is_given_up(db: DatabaseEngine) -> None:
    variant = await make_variant(stock=0)
    await create_wait(ANNA, variant)
    await mark_due([variant])
    for attempt in range(1, MAX_ATTEMPTS + 1):
        [due] = await claim_due()
        assert due.attempts == attempt
    assert await claim_due() == []
    [row] = await StockWait.select(StockWait.notified_at, StockWait.error)
    assert row["notified_at"] is not None and "given up" in row["error"]


async def test_only_its_shopper_cancels_a_wait(db: DatabaseEngine) -> None:
    variant = await make_variant(stock=0)
    await create_wait(ANNA, variant)
    [wait] = await list_waits(ANNA)
    assert not await cancel_wait(BORIS, wait.id)
    assert await cancel_wait(ANNA, wait.id)
    assert not await cancel_wait(ANNA, wait.id)
    assert await StockWait.count() == 0


def test_a_notices_random_id_is_stable_and_differs_per_wait_and_nonce() -> None:
    first = random_id_for_wait(1, ANNA, 42)
    assert first == random_id_for_wait(1, ANNA, 42) != 0
    assert len({first, random_id_for_wait(2, ANNA, 42), random_id_for_wait(1, ANNA, 43)}) == 3
