"""Users addressed from the database: no lookup, and no growth of the session's peers.

Kurigram's `resolve_peer` answers from the session's peer store and, for a user it has
not met, asks Telegram first (`users.GetUsers`, unpaced) and keeps the user in the
store (in memory, and in `telegram_peers` on PostgreSQL). A broadcast to a million
shoppers would be a million lookups and a million kept peers. Instead:

* `input_peer(client, telegram_id, access_hash)` builds `InputPeerUser` from the access
  hash the bot stored for the user (`users.access_hash`, noted from their updates);
  without one it falls back to `client.resolve_peer` (the lookup, as before);
* `invoke_direct(client, query, ...)` is `client.invoke` (so the request meter still
  counts it) whose answer's users and chats are not put into the peer store: Telegram
  answers a send with the recipient's user, and keeping it would grow the store with
  the audience all the same. It marks its task (a context variable, so concurrent
  updates and other requests are untouched) and wraps the client's `fetch_peers`, once
  per client, to skip what such a send brings back.

Access hashes are per bot: a hash stored for another bot's session is refused by
Telegram with PEER_ID_INVALID, which callers treat as any permanent refusal.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from pyrogram import Client
from pyrogram.raw.types.input_peer_user import InputPeerUser

#: Set while a task runs `invoke_direct`: the answer's peers are not kept.
_DIRECT: ContextVar[bool] = ContextVar("shopbot_direct_send", default=False)
#: Marks a client whose `fetch_peers` is wrapped.
_WRAPPED = "_shopbot_direct_peers"


async def input_peer(client: Client, telegram_id: int, access_hash: int | None) -> Any:
    """The user as a request names them: from the stored hash, else Kurigram's lookup."""
    if access_hash is None:
        return await client.resolve_peer(telegram_id)
    return InputPeerUser(user_id=telegram_id, access_hash=access_hash)


async def invoke_direct(client: Client, query: Any, **options: Any) -> Any:
    """`client.invoke(query, **options)` without keeping the peers of the answer."""
    _wrap_fetch_peers(client)
    token = _DIRECT.set(True)
    try:
        return await client.invoke(query, **options)
    finally:
        _DIRECT.reset(token)


def _wrap_fetch_peers(client: Client) -> None:
    if getattr(client, _WRAPPED, False):
        return
    fetch_peers = client.fetch_peers

    async def fetch_unless_direct(peers: list[Any]) -> bool:
        if _DIRECT.get():
            return False  # Kurigram's "no min peers met"; nothing is kept
        return await fetch_peers(peers)

    client.fetch_peers = fetch_unless_direct  # type: ignore[method-assign]
    setattr(client, _WRAPPED, True)
