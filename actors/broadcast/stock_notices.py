"""Back-in-stock notices: the broadcast sender's second kind of mass message.

The waits to notify are rows (`models.stock_waits`: marked due by the order processor
right after the stock came back), so this works from the database alone: at the
sender's start, when told (`SendStockNotices` -> `kick`), and every `sweep_every`
seconds (a send that failed for a passing reason is tried again then). Each notice
waits for the same `Pacer` slot as every broadcast send (one limiter, one flood gate),
so a restock never pushes the bot over its rate, is addressed from the shopper's
stored access hash (`runtime.input_peers`: no lookup), and goes out raw with a `random_id`
made from the wait's own random nonce: a re-send after a crash or kill -9 is the same
message to Telegram, so each shopper reads it once. It is written in the shopper's
language, with a button that opens the product in the bot.

Outcomes: sent (or Telegram had it already: RANDOM_ID_DUPLICATE) clears the wait; the
shopper blocked the bot, or another permanent refusal, clears it with the reason; a
flood wait closes the gate and the same notice waits again; a passing failure (timeout,
5xx) leaves the wait due for the next sweep (`MAX_ATTEMPTS` bounds its tries).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import anyio
from loguru import logger
from pyrogram import Client
from pyrogram.errors import FloodWait, InternalServerError, ServiceUnavailable
from pyrogram.errors.rpc_error import RPCError
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from actors.broadcast.delivery import BLOCKED_ERRORS, DUPLICATE, error_name
from actors.broadcast.pacing import Pacer
from actors.names import BROADCAST_SENDER
from bot.callbacks import CallbackCodec
from bot.language import Language, pick_language
from bot.shop.actions import PRODUCT
from bot.shop.card import variant_label
from bot.text_limits import MESSAGE_LIMIT, cut
from bot.texts import text
from models.stock_waits import DueWait, claim_due, mark_notified
from models.users import mark_bot_blocked
from runtime.input_peers import input_peer, invoke_direct

notices_log = logger.bind(actor=BROADCAST_SENDER)

#: Due waits read from the database at a time.
BATCH = 50


def random_id_for_wait(wait_id: int, telegram_id: int, nonce: int) -> int:
    """The notice's `random_id`: the same in every run, different for every wait (and
    for every time the shopper waits again: a new nonce); a signed 64-bit, never 0."""
    seed = f"shopbot-stock-wait:{nonce}:{wait_id}:{telegram_id}"
    digest = hashlib.sha256(seed.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True) or 1


class PassingFailure(Exception):
    """Raised when a notice could not be sent for a reason that may pass (a timeout, a
    5xx): the wait stays due for the next sweep."""

    def __init__(self, wait_id: int, reason: str) -> None:
        super().__init__(f"stock wait {wait_id}: {reason}")
        self.wait_id = wait_id
        self.reason = reason


@dataclass
class StockNotices:
    client: Client
    pacer: Pacer
    codec: CallbackCodec
    #: Runs the database work (e.g. through a `DatabaseWatch` retry); plain when None.
    retrying: Callable[[Callable[[], Awaitable[None]]], Awaitable[None]] | None = None
    sweep_every: float = 30.0
    timeout: float = 15.0  # one send's wait for Telegram's answer
    sent: int = 0  # notices Telegram took, for tests and metrics
    _wake: anyio.Event = field(default_factory=anyio.Event)

    def kick(self) -> None:
        """Due waits were written: send them soon."""
        self._wake.set()

    async def run(self) -> None:
        """Send due waits now, then whenever kicked or every `sweep_every` seconds."""
        while True:
            self._wake = anyio.Event()  # kicks during the drain make the next one start
            if self.retrying is None:
                await self.drain()
            else:
                await self.retrying(self.drain)
            with anyio.move_on_after(self.sweep_every):
                await self._wake.wait()

    async def drain(self) -> None:
        """Send every due wait; stops early at a passing failure (the sweep retries)."""
        while due := await claim_due(BATCH):
            for wait in due:
                try:
                    await self._deliver(wait)
                except PassingFailure as failure:
                    notices_log.warning("{}; trying again later", failure)
                    return

    async def _deliver(self, wait: DueWait) -> None:
        while True:
            try:
                peer = await input_peer(self.client, wait.telegram_id, wait.access_hash)
                await self.pacer.slot()
                await invoke_direct(
                    self.client,
                    await self._request(wait, peer),
                    retries=1,
                    timeout=self.timeout,
                    sleep_threshold=0,
                    retry_delay=0,
                )
            except FloodWait as flood:
                seconds = flood.value if isinstance(flood.value, int) else 1
                self.pacer.gate.close_for(seconds)
                continue
            except (InternalServerError, ServiceUnavailable, OSError) as error:
                raise PassingFailure(wait.id, error_name(error)) from error
            except RPCError as error:
                await self._refused(wait, error_name(error))
                return
            await mark_notified(wait.id)
            self.sent += 1
            return

    async def _refused(self, wait: DueWait, name: str) -> None:
        if name == DUPLICATE:  # Telegram has it: sent before a crash
            await mark_notified(wait.id)
            return
        if name == "USER_IS_BLOCKED":
            await mark_bot_blocked(wait.telegram_id)
        level = "INFO" if name in BLOCKED_ERRORS else "WARNING"
        notices_log.log(level, "stock wait {} not deliverable: {}", wait.id, name)
        await mark_notified(wait.id, error=name)

    async def _request(self, wait: DueWait, peer: object) -> SendMessage:
        language: Language = pick_language(wait.language)
        message = text(
            "waits.notice",
            language,
            title=wait.title,
            variant=variant_label(wait.size, wait.colour),
        )
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        text("waits.open_product", language),
                        callback_data=self.codec.encode(
                            wait.telegram_id, PRODUCT, wait.product_id, 0
                        ),
                    )
                ]
            ]
        )
        return SendMessage(
            peer=peer,
            message=cut(message, MESSAGE_LIMIT),
            random_id=random_id_for_wait(wait.id, wait.telegram_id, wait.nonce),
            no_webpage=True,
            reply_markup=await markup.write(self.client),
        )
