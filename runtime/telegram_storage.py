"""A Kurigram `Storage` kept in the project's database (PostgreSQL), for replicas.

Kurigram's own `SQLiteStorage` in memory does the work (its schema, peer types and
username time-to-live stay Kurigram's); this class makes the database the durable copy:

* `open` loads the session (auth key, DC, user) from `telegram_sessions`, or stores a
  new one: seeded from a session string when given (the fake Telegram's login), or
  left for Kurigram to authorize, whose writes land here field by field;
* every session field Kurigram sets is written through at once;
* peers are written through only when new or changed (Kurigram offers the peers of
  every update; an unchanged shopper costs no statement), and a lookup that misses in
  memory reads the database, so a process that took over knows every peer met before;
* a peer offered again unchanged within FRESH_FOR seconds of its last write costs
  nothing at all (Kurigram offers the sender, and the users of every answer, several
  times per update: each was a SELECT and a REPLACE on the in-memory SQLite). The
  memo holds the FRESH_PEERS peers seen last; the rest take the SQLite path. Rows are
  still rewritten every FRESH_FOR seconds, so Kurigram's `last_update_on` (its
  username time-to-live) stays that fresh.

Only the lease holder (runtime/lease.py) opens it, so memory and database never race.
Kurigram's own update state stays in memory, in a dict
(runtime/telegram_update_states.py): the bot keeps its place in the update stream
itself (models/update_state.py), and Kurigram's recovery is off (`skip_updates`).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pyrogram.storage import SQLiteStorage

from runtime.telegram_update_states import UpdateStatesInMemory

PeerRow = tuple[int, int | None, str, str | None]

#: Seconds a peer written (or found unchanged) is taken as stored when offered again.
FRESH_FOR = 600.0
#: How many recently seen peers (and their usernames) the memo holds.
FRESH_PEERS = 10_000


class FreshMemo:
    """The last FRESH_PEERS values seen per peer id, each with when it was stored: a
    value offered again, unchanged, within FRESH_FOR seconds needs no write."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seen: OrderedDict[int, tuple[object, float]] = OrderedDict()

    def is_fresh(self, peer_id: int, value: object) -> bool:
        seen = self._seen.get(peer_id)
        return seen is not None and seen[0] == value and self._clock() - seen[1] < FRESH_FOR

    def stored(self, peer_id: int, value: object) -> None:
        self._seen[peer_id] = (value, self._clock())
        self._seen.move_to_end(peer_id)
        if len(self._seen) > FRESH_PEERS:
            self._seen.popitem(last=False)


#: The columns of a session that Kurigram reads and writes one by one.
SESSION_FIELDS = (
    "dc_id",
    "server_address",
    "port",
    "api_id",
    "test_mode",
    "auth_key",
    "date",
    "user_id",
    "is_bot",
)


@dataclass(frozen=True)
class StoredPeer:
    """A peer as Kurigram's storage rows hold it."""

    peer_id: int
    access_hash: int | None
    peer_type: str
    phone_number: str | None
    usernames: tuple[str, ...]
    updated_at: int


class SessionStore(Protocol):
    """Where the sessions and peers are kept: `models.telegram_sessions` (the tables),
    passed in by `main` so that runtime/ does not import models/."""

    async def get_session(self, name: str) -> dict[str, Any] | None: ...
    async def create_session(self, name: str, fields: Mapping[str, Any]) -> None: ...
    async def update_session_field(self, name: str, field: str, value: Any) -> None: ...
    async def delete_session(self, name: str) -> None: ...
    async def save_peers(self, name: str, peers: Iterable[PeerRow]) -> None: ...
    async def save_usernames(
        self, name: str, usernames: Iterable[tuple[int, list[str | None]]]
    ) -> None: ...
    async def find_peer_by_id(self, name: str, peer_id: int) -> StoredPeer | None: ...
    async def find_peer_by_username(self, name: str, username: str) -> StoredPeer | None: ...
    async def find_peer_by_phone(self, name: str, phone_number: str) -> StoredPeer | None: ...


class DatabaseStorage(UpdateStatesInMemory, SQLiteStorage):
    def __init__(
        self,
        name: str,
        store: SessionStore,
        *,
        seed_session_string: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(name, workdir=Path("."), in_memory=True)
        self._store = store
        self._seed = seed_session_string
        self._fresh_peers = FreshMemo(clock)
        self._fresh_usernames = FreshMemo(clock)

    async def open(self) -> None:
        self.session_string = None
        await super().open()  # type: ignore[no-untyped-call]  # an empty in-memory session with Kurigram's defaults
        fields = await self._store.get_session(self.name)
        if fields is None:
            fields = await self._first_fields()
            await self._store.create_session(self.name, fields)
            fields = await self._store.get_session(self.name) or fields  # a racing first wins
        for field, value in fields.items():
            await super()._set("sessions", field, value)

    async def _first_fields(self) -> dict[str, Any]:
        if self._seed is not None:
            seeded = SQLiteStorage(self.name, Path("."), session_string=self._seed, in_memory=True)
            await seeded.open()  # type: ignore[no-untyped-call]
            try:
                return {field: await getattr(seeded, field)() for field in SESSION_FIELDS}
            finally:
                await seeded.close()  # type: ignore[no-untyped-call]
        return {field: await self._get("sessions", field) for field in SESSION_FIELDS}

    async def _set(self, table: str, attr: str, value: Any) -> None:
        await super()._set(table, attr, value)
        if table == "sessions":
            await self._store.update_session_field(self.name, attr, value)

    async def delete(self) -> None:
        await self._store.delete_session(self.name)

    # -- peers ---------------------------------------------------------------------------

    async def update_peers(self, peers: Iterable[tuple[int, int, str, str | None]]) -> None:
        peers = [peer for peer in peers if not self._fresh_peers.is_fresh(peer[0], peer)]
        if not peers:
            return
        changed = [peer for peer in peers if self._in_memory(peer[0]) != peer]
        await super().update_peers(peers)
        if changed:
            await self._store.save_peers(self.name, changed)
        for peer in peers:
            self._fresh_peers.stored(peer[0], peer)

    async def update_usernames(self, usernames: Iterable[tuple[int, list[str | None]]]) -> None:
        offered = [
            (peer_id, names, frozenset(n for n in names if n)) for peer_id, names in usernames
        ]
        offered = [o for o in offered if not self._fresh_usernames.is_fresh(o[0], o[2])]
        if not offered:
            return
        changed = [
            (peer_id, names)
            for peer_id, names, known in offered
            if self._usernames_in_memory(peer_id) != known
        ]
        await super().update_usernames([(peer_id, names) for peer_id, names, _ in offered])
        if changed:
            await self._store.save_usernames(self.name, changed)
        for peer_id, _, known in offered:
            self._fresh_usernames.stored(peer_id, known)

    async def get_peer_by_id(self, peer_id: int) -> Any:  # a raw InputPeer
        try:
            return await super().get_peer_by_id(peer_id)
        except KeyError:
            found = await self._store.find_peer_by_id(self.name, peer_id)
            if found is None:
                raise
            await self._remember(found)
            return await super().get_peer_by_id(peer_id)

    async def get_peer_by_username(self, username: str) -> Any:  # a raw InputPeer
        try:
            return await super().get_peer_by_username(username)
        except KeyError:
            found = await self._store.find_peer_by_username(self.name, username)
            if found is None or abs(time.time() - found.updated_at) > self.USERNAME_TTL:
                raise
            await self._remember(found)
            return await super().get_peer_by_username(username)

    async def get_peer_by_phone_number(self, phone_number: str) -> Any:  # a raw InputPeer
        try:
            return await super().get_peer_by_phone_number(phone_number)
        except KeyError:
            found = await self._store.find_peer_by_phone(self.name, phone_number)
            if found is None:
                raise
            await self._remember(found)
            return await super().get_peer_by_phone_number(phone_number)

    async def _remember(self, peer: StoredPeer) -> None:
        """Copy a peer read from the database into memory (no write back)."""
        row = (peer.peer_id, peer.access_hash, peer.peer_type, peer.phone_number)
        await super().update_peers([row])  # type: ignore[list-item]
        if peer.usernames:
            await super().update_usernames([(peer.peer_id, list(peer.usernames))])

    def _in_memory(self, peer_id: int) -> PeerRow | None:
        row = self.conn.execute(
            "SELECT id, access_hash, type, phone_number FROM peers WHERE id = ?", (peer_id,)
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def _usernames_in_memory(self, peer_id: int) -> set[str]:
        rows = self.conn.execute("SELECT username FROM usernames WHERE id = ?", (peer_id,))
        return {row[0] for row in rows.fetchall()}
