"""The Kurigram client: built inside the running loop, started and stopped safely.

STACK_NOTES: a client built at import is bound to the wrong loop, so the app takes
a factory and calls it inside its own loop. `client.stop()` waits for stuck
handlers, so it runs shielded with a deadline.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio
from loguru import logger
from pyrogram import Client

from config import Settings

ClientFactory = Callable[[], Client]

#: Seconds `client.stop()` may take at shutdown (part of main.py's 10 s budget).
CLIENT_STOP_TIMEOUT = 1.5


def production_client_factory(settings: Settings) -> ClientFactory:
    """Builds the real bot client, its session kept on disk so restarts do not log in again."""

    def build() -> Client:
        if settings.bot_token is None or settings.api_id is None or settings.api_hash is None:
            raise RuntimeError("BOT_TOKEN, API_ID and API_HASH must be set before the client")
        settings.session_dir.mkdir(parents=True, exist_ok=True)
        return Client(
            name="shopbot",
            api_id=settings.api_id,
            api_hash=settings.api_hash.get_secret_value(),
            bot_token=settings.bot_token.get_secret_value(),
            workdir=str(settings.session_dir),
        )

    return build


@asynccontextmanager
async def running_client(
    client: Client, stop_timeout: float = CLIENT_STOP_TIMEOUT
) -> AsyncIterator[Client]:
    await client.start()
    try:
        yield client
    finally:
        with anyio.CancelScope(shield=True), anyio.move_on_after(stop_timeout) as deadline:
            await client.stop()
        if deadline.cancelled_caught:
            logger.warning("the Telegram client did not stop within {} s", stop_timeout)
