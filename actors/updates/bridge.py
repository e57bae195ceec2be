"""Feeds the Kurigram client's updates into the update reader's inbox.

The client's only handlers are these forwarders, so Kurigram's dispatcher parses
updates and the `update_reader` actor runs the bot's handlers. The inbox belongs
to the supervisor, so updates wait in it while the reader restarts. `close()` is
called first at shutdown: later updates are dropped and forwarders blocked on a
full inbox let go, so `client.stop()` does not wait on them.
"""

from __future__ import annotations

from typing import Any

import anyio
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from pyrogram import Client
from pyrogram.handlers import CallbackQueryHandler, MessageHandler, PreCheckoutQueryHandler


class UpdateBridge:
    def __init__(self, inbox: MemoryObjectSendStream[Any]) -> None:
        self._inbox = inbox
        self._closed = anyio.Event()
        self._pending: set[anyio.CancelScope] = set()

    def attach(self, client: Client) -> None:
        client.add_handler(MessageHandler(self.forward))
        client.add_handler(CallbackQueryHandler(self.forward))
        client.add_handler(PreCheckoutQueryHandler(self.forward))

    async def forward(self, _client: Client, update: object) -> None:
        if self._closed.is_set():
            logger.debug("update dropped at shutdown: {}", type(update).__name__)
            return
        try:
            self._inbox.send_nowait(update)  # room in the inbox: nothing to wait for
            return
        except anyio.WouldBlock:
            pass
        with anyio.CancelScope() as scope:
            self._pending.add(scope)
            try:
                await self._inbox.send(update)
            finally:
                self._pending.discard(scope)

    def close(self) -> None:
        self._closed.set()
        for scope in self._pending:
            scope.cancel()
