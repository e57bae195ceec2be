"""Real Kurigram bot clients attached to a fake Telegram.

A client gets an in-memory storage opened from a session string (so `start()` needs no
login) and a `get_session` that hands back a fake session for every DC, media and
CDN session. Build it inside the running event loop: a client built at import time is
bound to the wrong loop (STACK_NOTES).
"""

from __future__ import annotations

import asyncio
import base64
import struct
from typing import Any, Protocol

import pyrogram
from pyrogram.handlers.callback_query_handler import CallbackQueryHandler
from pyrogram.handlers.message_handler import MessageHandler
from pyrogram.session.session import Session, SessionState
from pyrogram.storage.storage import Storage

from fake_telegram.session import FakeSession, SessionHost, fake_auth_key
from fake_telegram.state import DC_ID

FAKE_API_ID = 1
FAKE_API_HASH = "fake-telegram"
LAST_GROUP = 2**31 - 1


class UpdateObserver(Protocol):
    def update_handled(self, update: object, error: BaseException | None) -> None: ...


def session_string(*, bot_id: int, dc_id: int = DC_ID, api_id: int = FAKE_API_ID) -> str:
    """A Kurigram session string (`Storage.SESSION_STRING_FORMAT`) for a logged-in bot."""
    packed = struct.pack(
        Storage.SESSION_STRING_FORMAT, dc_id, api_id, False, fake_auth_key(bot_id), bot_id, True
    )
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def attach_sessions(client: pyrogram.Client, host: SessionHost, *, bot_id: int) -> None:
    """Make every session `client` asks for a fake one served by `host`."""

    async def get_session(  # noqa: PLR0917 - the signature of Client.get_session
        dc_id: int | None = None,
        is_media: bool = False,
        is_cdn: bool = False,
        business_connection_id: str | None = None,
        export_authorization: bool = True,
        server_address: str | None = None,
        port: int | None = None,
        temporary: bool = False,
    ) -> Session:
        current = client.session
        if (
            not temporary
            and isinstance(current, FakeSession)
            and current.state is SessionState.STARTED
        ):
            return current
        session = FakeSession(client, host, bot_id=bot_id, dc_id=dc_id or DC_ID, is_media=is_media)
        await session.start()
        if not temporary and is_media:
            client.media_sessions[session.dc_id] = session  # stopped by client.terminate()
        return session

    client.get_session = get_session  # type: ignore[method-assign]


def build_client(
    host: SessionHost,
    *,
    bot_id: int,
    name: str = "bot",
    storage: Storage | None = None,
    **client_kwargs: Any,
) -> pyrogram.Client:
    """A real Kurigram bot client whose network is `host`. Call inside the running loop.

    Its session is in memory, logged in already; or `storage`, which must then know
    (or be seeded with) `session_string(bot_id=...)`."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        raise RuntimeError(
            "build the fake Telegram client inside the running event loop "
            "(a client built at import time is bound to the wrong loop)"
        ) from None
    where: dict[str, Any] = (
        {"session_string": session_string(bot_id=bot_id), "in_memory": True}
        if storage is None
        else {"storage_engine": storage}
    )
    client = pyrogram.Client(
        name, api_id=FAKE_API_ID, api_hash=FAKE_API_HASH, loop=loop, **where, **client_kwargs
    )
    attach_sessions(client, host, bot_id=bot_id)
    return client


def install_observer(
    client: pyrogram.Client, observer: UpdateObserver, *, group: int = LAST_GROUP
) -> None:
    """For a bare Kurigram bot (no app update loop): report every message and callback
    query as handled once all handler groups ran. Handler exceptions are logged by
    Kurigram's dispatcher (the fake collects them); a handler that raises
    `StopPropagation` hides the update from this observer."""

    async def handled(_client: pyrogram.Client, update: object) -> None:
        observer.update_handled(update, None)

    client.add_handler(MessageHandler(handled), group)
    client.add_handler(CallbackQueryHandler(handled), group)
