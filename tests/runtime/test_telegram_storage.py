"""The Telegram session kept in the database (runtime/telegram_storage.py): a peer that
Kurigram offers again unchanged costs nothing for FRESH_FOR seconds, a changed one is
written through at once, and rows are rewritten in memory once they are that old."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from types import ModuleType
from typing import Any

import pytest

from fake_telegram.client import session_string
from models import telegram_sessions
from runtime.database import DatabaseEngine
from runtime.telegram_storage import FRESH_FOR, DatabaseStorage

SHOPPER = 5_570_001


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class CountingStore:
    """The real store (models.telegram_sessions), counting the peers written to it."""

    def __init__(self, store: ModuleType) -> None:
        self._store = store
        self.peers_saved: list[int] = []
        self.usernames_saved: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    async def save_peers(
        self, name: str, peers: Iterable[tuple[int, int | None, str, str | None]]
    ) -> None:
        peers = list(peers)
        self.peers_saved += [peer[0] for peer in peers]
        await self._store.save_peers(name, peers)

    async def save_usernames(
        self, name: str, usernames: Iterable[tuple[int, list[str | None]]]
    ) -> None:
        usernames = list(usernames)
        self.usernames_saved += [peer_id for peer_id, _ in usernames]
        await self._store.save_usernames(name, usernames)


Opened = tuple[DatabaseStorage, CountingStore, Clock]


@pytest.fixture
async def storage(db: DatabaseEngine) -> AsyncIterator[Opened]:
    store, clock = CountingStore(telegram_sessions), Clock()
    opened = DatabaseStorage(
        "bot", store, seed_session_string=session_string(bot_id=777), clock=clock
    )
    await opened.open()
    yield opened, store, clock
    await opened.close()  # type: ignore[no-untyped-call]


def memory_writes(storage: DatabaseStorage) -> int:
    return int(storage.conn.total_changes)


async def test_a_peer_offered_again_unchanged_costs_nothing(
    storage: Opened,
) -> None:
    opened, store, _ = storage
    await opened.update_peers([(SHOPPER, 11, "user", None)])
    await opened.update_usernames([(SHOPPER, ["ann"])])
    writes = memory_writes(opened)

    for _ in range(5):
        await opened.update_peers([(SHOPPER, 11, "user", None)])
        await opened.update_usernames([(SHOPPER, ["ann"])])

    assert memory_writes(opened) == writes
    assert store.peers_saved == [SHOPPER] and store.usernames_saved == [SHOPPER]


async def test_a_changed_peer_is_written_through_at_once(
    storage: Opened,
) -> None:
    opened, store, _ = storage
    await opened.update_peers([(SHOPPER, 11, "user", None)])
    await opened.update_peers([(SHOPPER, 22, "user", "+441234")])
    await opened.update_usernames([(SHOPPER, ["ann"])])
    await opened.update_usernames([(SHOPPER, ["ann_new"])])

    assert store.peers_saved == [SHOPPER, SHOPPER]
    assert store.usernames_saved == [SHOPPER, SHOPPER]
    stored = await telegram_sessions.find_peer_by_id("bot", SHOPPER)
    assert stored is not None and stored.access_hash == 22 and stored.usernames == ("ann_new",)
    assert (await opened.get_peer_by_id(SHOPPER)).access_hash == 22


async def test_an_unchanged_peer_is_rewritten_in_memory_once_it_is_old(
    storage: Opened,
) -> None:
    opened, store, clock = storage
    await opened.update_peers([(SHOPPER, 11, "user", None)])
    writes = memory_writes(opened)

    clock.now += FRESH_FOR + 1
    await opened.update_peers([(SHOPPER, 11, "user", None)])

    assert memory_writes(opened) > writes  # Kurigram's last_update_on moves on
    assert store.peers_saved == [SHOPPER]  # the database had it already
