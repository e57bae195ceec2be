"""The bot session's peers (models/telegram_sessions.py): written in one statement,
updated in place, their usernames kept, a peer offered twice in one call written once."""

from __future__ import annotations

from models.telegram_sessions import (
    find_peer_by_id,
    find_peer_by_username,
    save_peers,
    save_usernames,
)
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent

SESSION = "bot"


async def test_new_peers_are_stored_and_a_changed_one_keeps_its_usernames(
    db: DatabaseEngine,
) -> None:
    await save_peers(SESSION, [(1, 11, "user", None), (2, 22, "bot", "+4470")])
    await save_usernames(SESSION, [(1, ["ann", None])])

    await save_peers(SESSION, [(1, 111, "user", "+4471")])

    first = await find_peer_by_id(SESSION, 1)
    assert first is not None
    assert (first.access_hash, first.peer_type, first.phone_number) == (111, "user", "+4471")
    assert first.usernames == ("ann",)
    assert await find_peer_by_username(SESSION, "ann") == first
    second = await find_peer_by_id(SESSION, 2)
    assert second is not None
    assert (second.access_hash, second.peer_type, second.phone_number) == (22, "bot", "+4470")
    assert second.usernames == ()
    assert await find_peer_by_id("other session", 1) is None


async def test_a_peer_offered_twice_in_one_call_is_written_once_as_offered_last(
    db: DatabaseEngine,
) -> None:
    await statements_logged()
    before = statements_sent()

    await save_peers(SESSION, [(3, 30, "user", None), (3, 31, "user", None)])

    await statements_logged()
    if before is not None:  # PostgreSQL counts its statements
        assert statements_sent() == before + 1
    peer = await find_peer_by_id(SESSION, 3)
    assert peer is not None and peer.access_hash == 31
