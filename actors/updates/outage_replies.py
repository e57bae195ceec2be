"""What a shopper gets from the update reader while the database is down.

Every update is answered, briefly: a message gets "temporarily unavailable, try again
in a minute" at most once a minute per user (remembered in memory: Redis may be down as
well); a button press always has its spinner stopped (with the text when it is due);
a payment's pre-checkout query is always refused with the text (unanswered, Telegram
fails the payment after 10 s anyway). A successful payment is different: the money is
taken, so its update is never answered away; it waits for the database instead.

While the `DatabaseWatch` says the database is down, updates are answered without
touching it; a transient database error met by a handler is reported to the watch and
answered the same way. Used by `actors.updates.reader` in two places.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import anyio
from loguru import logger
from pyrogram.errors.rpc_error import RPCError
from pyrogram.types import CallbackQuery, Message, PreCheckoutQuery, Update, User

from actors.names import UPDATE_READER
from bot.language import pick_language
from bot.texts import text
from runtime.db_errors import is_transient_database_error
from runtime.db_watch import DatabaseWatch

#: Seconds between two "try again in a minute" messages to one user.
REPLY_EVERY = 60.0


def is_successful_payment(update: Update) -> bool:
    return isinstance(update, Message) and update.successful_payment is not None


@dataclass
class OutageReplies:
    """The update reader's answers during a database outage (see the module docstring)."""

    database: DatabaseWatch | None
    every: float = REPLY_EVERY
    clock: Callable[[], float] = anyio.current_time
    # user id -> when they were last told; oldest first (times only grow).
    _told: OrderedDict[int, float] = field(default_factory=OrderedDict)

    async def answered_while_down(self, user: User, update: Update) -> bool:
        """True when the database is down and `update` has been answered for it."""
        if self.database is None or not self.database.is_down or is_successful_payment(update):
            return False
        await self.answer(user, update)
        return True

    async def answered_after(self, error: Exception, user: User, update: Update) -> bool:
        """True when `error` is a transient database error and `update` was answered."""
        if self.database is None or not is_transient_database_error(error):
            return False
        self.database.report(error)
        await self.answer(user, update)
        return True

    async def waiting_out(self, handle: Callable[[], Awaitable[None]], update: Update) -> None:
        """Run `handle`; for a successful payment, again and again through an outage."""
        if self.database is None or not is_successful_payment(update):
            await handle()
            return
        await self.database.retry(handle, who=UPDATE_READER)

    async def answer(self, user: User, update: Update) -> None:
        """The short answer that fits the update; a message at most once a minute."""
        due = self.due(user.id)
        notice = text("unavailable", pick_language(user.language_code))
        try:
            if isinstance(update, CallbackQuery):
                await update.answer(notice if due else None)
            elif isinstance(update, PreCheckoutQuery):
                await update.answer(ok=False, error_message=notice)
            elif isinstance(update, Message) and due:
                await update.reply_text(notice)
        except (RPCError, OSError) as error:  # Telegram refused or unreachable: logged
            logger.bind(actor=UPDATE_READER).warning(
                "'unavailable' not delivered to {}: {!r}", user.id, error
            )

    def due(self, user_id: int) -> bool:
        """True when `user_id` may be told now (and it is remembered); else False."""
        now = self.clock()
        while self._told:
            oldest, told_at = next(iter(self._told.items()))
            if now - told_at < self.every:
                break
            del self._told[oldest]
        if user_id in self._told:
            return False
        self._told[user_id] = now
        return True
