"""update_reader: runs the bot's handlers for every update in its inbox.

Each update is handled in its own task (at most `concurrency` at once, so a slow
handler does not hold up other shoppers). Before routing, the sender's
`last_active_at` is touched. A failing handler is logged and reported to the
observer; it never takes the actor down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import anyio
from loguru import logger
from pyrogram import Client
from pyrogram.types import CallbackQuery, Message, Update, User

from actors.names import UPDATE_READER
from actors.supervisor import ActorContext
from bot.router import Router
from models.users import touch_last_active


class UpdateObserver(Protocol):
    """Told when an update has been handled; tests use it to wait without sleeping."""

    def update_handled(self, update: object, error: BaseException | None) -> None: ...


def sender_of(update: object) -> User | None:
    if isinstance(update, Message | CallbackQuery):
        return update.from_user
    return None


@dataclass
class UpdateReader:
    client: Client
    router: Router
    observer: UpdateObserver | None = None
    concurrency: int = 64

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(UPDATE_READER)
        slots = anyio.Semaphore(self.concurrency)
        async with anyio.create_task_group() as handlers:
            ctx.ready()
            async for update in ctx.messages(inbox):
                await slots.acquire()
                handlers.start_soon(self._handle, update, slots)

    async def _handle(self, update: Update, slots: anyio.Semaphore) -> None:
        error: BaseException | None = None
        try:
            user = sender_of(update)
            if user is not None:
                await touch_last_active(user.id)
            if not await self.router.dispatch(self.client, update):
                logger.bind(actor=UPDATE_READER).debug("no handler for {}", type(update).__name__)
        except Exception as exc:  # noqa: BLE001 - one shopper's failure must not stop the rest
            error = exc
            logger.bind(actor=UPDATE_READER).opt(exception=exc).error("handler failed")
        finally:
            slots.release()
            if self.observer is not None:
                self.observer.update_handled(update, error)
