"""The Kurigram client: built inside the running loop, started and stopped safely.

STACK_NOTES: a client built at import is bound to the wrong loop, so the app takes
a factory and calls it inside its own loop. `client.stop()` waits for stuck
handlers, so it runs shielded with a deadline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
from loguru import logger
from pyrogram import Client

from config import Settings
from runtime.session_started import answer_started_at_once
from runtime.telegram_storage import DatabaseStorage, SessionStore

ClientFactory = Callable[[], Client]

#: The Kurigram session's name: `SESSION_DIR/shopbot.session`, or the row in
#: `telegram_sessions` on PostgreSQL.
SESSION_NAME = "shopbot"

#: Seconds `client.stop()` may take at shutdown (part of main.py's 10 s budget).
CLIENT_STOP_TIMEOUT = 1.5


def production_client_factory(
    settings: Settings, *, ephemeral: bool = False, session_store: SessionStore | None = None
) -> ClientFactory:
    """Builds the real bot client, its session kept so restarts do not log in again: in
    the database on PostgreSQL (every replica can take over with it), else in
    SESSION_DIR.

    `ephemeral=True` (`main.py check --online`) logs in with a throwaway in-memory
    session that asks Telegram for no updates: the stored session and the update stream
    of a bot that is running meanwhile are left alone. `session_store` is where the
    database keeps sessions (`models.telegram_sessions`), needed on PostgreSQL.
    """

    def build() -> Client:
        if settings.bot_token is None or settings.api_id is None or settings.api_hash is None:
            raise RuntimeError("BOT_TOKEN, API_ID and API_HASH must be set before the client")
        where: dict[str, Any]
        if ephemeral:
            where = {"in_memory": True, "no_updates": True}
        elif settings.uses_postgres:
            if session_store is None:
                raise RuntimeError(
                    "on PostgreSQL the session is kept in the database: pass its store"
                )
            where = {"storage_engine": DatabaseStorage(SESSION_NAME, session_store)}
        else:
            settings.session_dir.mkdir(parents=True, exist_ok=True)
            where = {"workdir": str(settings.session_dir)}
        return Client(
            name=SESSION_NAME,
            api_id=settings.api_id,
            api_hash=settings.api_hash.get_secret_value(),
            bot_token=settings.bot_token.get_secret_value(),
            **where,
        )

    return build


@asynccontextmanager
async def running_client(
    client: Client, stop_timeout: float = CLIENT_STOP_TIMEOUT
) -> AsyncIterator[Client]:
    await client.start()
    answer_started_at_once(client)
    try:
        yield client
    finally:
        with anyio.CancelScope(shield=True), anyio.move_on_after(stop_timeout) as deadline:
            await client.stop()
        if deadline.cancelled_caught:
            logger.warning("the Telegram client did not stop within {} s", stop_timeout)
