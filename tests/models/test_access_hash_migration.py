"""`users.access_hash` is filled for users met before it existed, from the session's
peers kept in the database (`telegram_peers`, PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from piccolo.apps.migrations.commands.forwards import run_forwards

from config import Settings
from runtime.database import DatabaseEngine, close_database
from runtime.db_binding import bind_engine
from runtime.db_engine import ShopPostgresEngine, build_engine
from tests.models.factories import fetch

BEFORE_ACCESS_HASHES = "2026-12-05T18:20:00:000000"


@pytest.fixture
async def schema_before_access_hashes(
    postgres_database: Settings,
) -> AsyncIterator[DatabaseEngine]:
    engine = build_engine(postgres_database)
    assert isinstance(engine, ShopPostgresEngine)
    await engine.start_connection_pool(min_size=1, max_size=2)
    bind_engine(engine)
    try:
        assert (await run_forwards("shop", migration_id=BEFORE_ACCESS_HASHES)).success
        yield engine
    finally:
        await close_database(engine, grace=5)


async def add_user(engine: DatabaseEngine, telegram_id: int) -> None:
    await fetch(
        engine,
        "INSERT INTO users (telegram_id, first_name, language, is_banned, last_active_at,"
        f" created_at) VALUES ({telegram_id}, 'U', 'ru', false, CURRENT_TIMESTAMP,"
        " CURRENT_TIMESTAMP)",
    )


async def add_peer(  # noqa: PLR0917 - one row's columns
    engine: DatabaseEngine, session: str, peer_id: int, access_hash: int, kind: str, at: int
) -> None:
    await fetch(
        engine,
        "INSERT INTO telegram_peers (key, session_name, peer_id, access_hash, peer_type,"
        f" usernames, updated_at) VALUES ('{session}:{peer_id}', '{session}', {peer_id},"
        f" {access_hash}, '{kind}', '', {at})",
    )


@pytest.mark.postgres
async def test_users_take_the_access_hash_their_session_peer_row_holds(
    schema_before_access_hashes: DatabaseEngine,
) -> None:
    engine = schema_before_access_hashes
    for telegram_id in (101, 102, 103):
        await add_user(engine, telegram_id)
    await add_peer(engine, "shopbot", 101, 5001, "user", at=100)
    await add_peer(engine, "old", 102, 6001, "user", at=100)
    await add_peer(engine, "shopbot", 102, 6002, "user", at=200)  # the latest wins
    await add_peer(engine, "shopbot", -100123, 7001, "channel", at=100)

    assert (await run_forwards("shop", migration_id="all")).success
    rows = await fetch(engine, "SELECT telegram_id, access_hash FROM users ORDER BY telegram_id")
    assert [(row["telegram_id"], row["access_hash"]) for row in rows] == [
        (101, 5001),
        (102, 6002),
        (103, None),  # never met by the session: its next update brings it
    ]
