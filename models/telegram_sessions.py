"""Kurigram's session kept in the project's database, so every replica can read it.

The active process (the lease holder, runtime/lease.py) is the only one using it: a
standby that takes over opens the same authorization (auth key, DC) and the peers
met so far instead of logging in anew. `runtime/telegram_storage.py` is the Kurigram
`Storage` on top; this module owns the rows.

Invariants: one `telegram_sessions` row per session name; a peer's row is keyed
`<session>:<peer id>` (access hashes belong to the account that met the peer);
`usernames` holds the peer's usernames, lower-case, space-separated and space-framed
(" a b "), so a lookup is one LIKE; `updated_at` (epoch seconds) is when Telegram last
showed the peer, for Kurigram's username time-to-live.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from piccolo.columns import BigInt, Boolean, Bytea, Integer, Serial, Text, Varchar
from piccolo.table import Table

from runtime.db_raw import fetch_rows
from runtime.db_rows import MAX_PARAMETERS
from runtime.telegram_storage import SESSION_FIELDS, StoredPeer

#: Kurigram's SQLite keeps these as 0/1; the database column is a boolean.
BOOLEAN_FIELDS = ("test_mode", "is_bot")


def _column_value(field: str, value: Any) -> Any:
    return bool(value) if field in BOOLEAN_FIELDS and value is not None else value


class TelegramSession(Table, tablename="telegram_sessions"):
    id = Serial(primary_key=True)
    name = Varchar(length=64, unique=True)
    dc_id = Integer(null=True, default=None)
    server_address = Varchar(length=64, null=True, default=None)
    port = Integer(null=True, default=None)
    api_id = Integer(null=True, default=None)
    test_mode = Boolean(null=True, default=None)
    auth_key = Bytea(null=True, default=None)
    date = BigInt(default=0)
    user_id = BigInt(null=True, default=None)
    is_bot = Boolean(null=True, default=None)


class TelegramPeer(Table, tablename="telegram_peers"):
    id = Serial(primary_key=True)
    key = Varchar(length=96, unique=True)
    session_name = Varchar(length=64)
    peer_id = BigInt()
    access_hash = BigInt(null=True, default=None)
    peer_type = Varchar(length=16)
    phone_number = Varchar(length=32, null=True, default=None, index=True)
    usernames = Text(default="")
    updated_at = BigInt(default=0)


def peer_key(session_name: str, peer_id: int) -> str:
    return f"{session_name}:{peer_id}"


async def get_session(name: str) -> dict[str, Any] | None:
    """The session's fields (SESSION_FIELDS), or None when it was never stored."""
    row = (
        await TelegramSession.select(*TelegramSession.all_columns())
        .where(TelegramSession.name == name)
        .first()
    )
    if row is None:
        return None
    return {field: row[field] for field in SESSION_FIELDS}


async def create_session(name: str, fields: Mapping[str, Any]) -> None:
    """Store a new session (a no-op when one of that name exists: the first one wins)."""
    known = {
        field: _column_value(field, value)
        for field, value in fields.items()
        if field in SESSION_FIELDS
    }
    await (
        TelegramSession.insert(TelegramSession(name=name, **known))
        .on_conflict(target=TelegramSession.name, action="DO NOTHING")
        .run()
    )


async def update_session_field(name: str, field: str, value: Any) -> None:
    if field not in SESSION_FIELDS:
        raise ValueError(f"not a session field: {field}")
    await TelegramSession.update(
        {getattr(TelegramSession, field): _column_value(field, value)}
    ).where(TelegramSession.name == name)


async def delete_session(name: str) -> None:
    await TelegramPeer.delete().where(TelegramPeer.session_name == name)
    await TelegramSession.delete().where(TelegramSession.name == name)


#: `save_peers`' upsert: one plain statement per chunk of peers (Piccolo's insert builds a
#: `TelegramPeer` per row and maps every column; Kurigram offers new peers on updates).
_SAVE_PEERS = (
    "INSERT INTO telegram_peers"
    " (key, session_name, peer_id, access_hash, peer_type, phone_number, usernames, updated_at)"
    " VALUES {rows}"
    " ON CONFLICT (key) DO UPDATE SET access_hash = excluded.access_hash,"
    " peer_type = excluded.peer_type, phone_number = excluded.phone_number,"
    " updated_at = excluded.updated_at"
)
_PEER_VALUES = "({}, {}, {}, {}, {}, {}, '', {})"
_PEERS_PER_STATEMENT = MAX_PARAMETERS // 7


async def save_peers(name: str, peers: Iterable[tuple[int, int | None, str, str | None]]) -> None:
    """Insert or update peers (id, access hash, type, phone), keeping their usernames (a
    peer offered twice is written once, as offered last)."""
    now = int(time.time())
    rows = {
        peer_id: (peer_key(name, peer_id), name, peer_id, access_hash, peer_type, phone, now)
        for peer_id, access_hash, peer_type, phone in peers
    }
    unique = list(rows.values())
    for start in range(0, len(unique), _PEERS_PER_STATEMENT):
        part = unique[start : start + _PEERS_PER_STATEMENT]
        sql = _SAVE_PEERS.format(rows=", ".join([_PEER_VALUES] * len(part)))
        await fetch_rows(TelegramPeer, sql, *(value for row in part for value in row))


async def save_usernames(name: str, usernames: Iterable[tuple[int, list[str | None]]]) -> None:
    """Replace the usernames of peers already stored (Kurigram stores the peer first)."""
    for peer_id, names in usernames:
        framed = " " + " ".join(n for n in names if n) + " " if any(names) else ""
        await TelegramPeer.update({TelegramPeer.usernames: framed}).where(
            TelegramPeer.key == peer_key(name, peer_id)
        )


def _stored(row: Mapping[str, Any]) -> StoredPeer:
    return StoredPeer(
        peer_id=row["peer_id"],
        access_hash=row["access_hash"],
        peer_type=row["peer_type"],
        phone_number=row["phone_number"],
        usernames=tuple(row["usernames"].split()),
        updated_at=row["updated_at"],
    )


async def find_peer_by_id(name: str, peer_id: int) -> StoredPeer | None:
    row = await TelegramPeer.select().where(TelegramPeer.key == peer_key(name, peer_id)).first()
    return None if row is None else _stored(row)


async def find_peer_by_username(name: str, username: str) -> StoredPeer | None:
    """The most recently seen peer with that username (lower-case, no `@`)."""
    framed = f"% {username} %"
    row = await (
        TelegramPeer.select()
        .where((TelegramPeer.session_name == name) & TelegramPeer.usernames.like(framed))
        .order_by(TelegramPeer.updated_at, ascending=False)
        .first()
    )
    return None if row is None else _stored(row)


async def find_peer_by_phone(name: str, phone_number: str) -> StoredPeer | None:
    row = await (
        TelegramPeer.select()
        .where((TelegramPeer.session_name == name) & (TelegramPeer.phone_number == phone_number))
        .first()
    )
    return None if row is None else _stored(row)
