"""The migrations of "once on the wire": broadcasts written before `broadcasts.nonce`
existed each get a different random nonce, and `order_notices` keeps one row per
(order, kind, recipient)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from piccolo.apps.migrations.commands.forwards import run_forwards

from config import Settings
from models.order_notices import NoticeSpec, list_notices, queue_notices
from runtime.database import DatabaseEngine, close_database, open_database
from runtime.db_binding import bind_engine
from runtime.db_engine import ShopPostgresEngine, build_engine
from tests.models.factories import fetch

BEFORE_NONCES = "2026-11-24T07:13:36:904701"


@pytest.fixture
async def schema_before_nonces(database: Settings) -> AsyncIterator[DatabaseEngine]:
    engine = build_engine(database)
    if isinstance(engine, ShopPostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=2)
    bind_engine(engine)
    try:
        assert (await run_forwards("shop", migration_id=BEFORE_NONCES)).success
        yield engine
    finally:
        await close_database(engine, grace=5)


async def test_existing_broadcasts_get_distinct_random_nonces(
    schema_before_nonces: DatabaseEngine,
) -> None:
    engine = schema_before_nonces
    for number in range(1, 4):
        await fetch(
            engine,
            "INSERT INTO broadcasts (id, author_id, text, audience, status, total, sent,"
            f" blocked, failed, created_at) VALUES ({number}, 1, 'hi', '[]', 'finished',"
            " 0, 0, 0, 0, CURRENT_TIMESTAMP)",
        )

    assert (await run_forwards("shop", migration_id="all")).success
    rows = await fetch(engine, "SELECT nonce FROM broadcasts ORDER BY id")
    nonces = [int(row["nonce"]) for row in rows]
    assert len(set(nonces)) == 3 and 0 not in nonces


async def test_a_notice_written_twice_is_one_row_with_its_first_nonce(database: Settings) -> None:
    async with open_database(database):
        notice = NoticeSpec(1, "placed", 77)
        await queue_notices([notice, NoticeSpec(1, "card.new", 900)])
        [first, _] = await list_notices(1)
        await queue_notices([notice])

        again = await list_notices(1)
        assert [(n.kind, n.recipient) for n in again] == [("placed", 77), ("card.new", 900)]
        assert again[0].nonce == first.nonce != 0
