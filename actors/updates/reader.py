"""update_reader: runs the bot's handlers for every update in its inbox.

For each update: the flood guard (one "slow down" per flood; FLOOD_RATE, FLOOD_BURST;
never for a payment: pre-checkout or successful_payment), then the sender's lane
(their updates in order, other users in parallel, at most `concurrency` at once), the
sender's ban and language from the process's cache (`models.user_statuses`; on a miss
one statement touches `last_active_at` and reads them back, a new user is recorded),
`last_active_at` queued for a batched write at most once a minute
(`models.user_activity`, flushed every FLUSH_ACTIVITY_EVERY seconds and on stop), the
ban check (one notice an hour; a banned shopper's successful payment is still recorded,
and the admins get an alert), then the router. A failing handler is logged and reported
to the observer; it never takes the actor down. While the database is down, updates are
answered "try again in a minute" (`actors.updates.outage_replies`). When busy, the
reader takes what is waiting in its inbox (up to DRAIN_AT_MOST) without a yield per
update.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from loguru import logger
from pyrogram import Client
from pyrogram.types import CallbackQuery, Message, PreCheckoutQuery, Update, User

from actors.actor_context import ActorContext
from actors.messages import Alert, MetricEvent, Severity
from actors.metrics.series import ShopSeries
from actors.names import (
    ALERT_DISPATCHER,
    BROADCAST_SENDER,
    METRICS_COLLECTOR,
    ORDER_PROCESSOR,
    UPDATE_READER,
)
from actors.updates.access_hashes import AccessHashes, access_hash_of
from actors.updates.outage_replies import OutageReplies
from actors.updates.user_lanes import UserLanes
from bot.callbacks import CallbackCodec
from bot.checkout.payments import order_of_payload
from bot.context import BotDeps, Request
from bot.guard import FloodGuard, Verdict
from bot.language import Language, pick_language
from bot.router import Router
from bot.system_status import SystemStatus
from bot.texts import text
from config import Settings
from models.user_activity import UserActivity
from models.user_statuses import UserStatusCache
from models.users import UserStatus, record_user
from runtime.alerts import AlertChannel
from runtime.cache import Cache
from runtime.callback_key import callback_key
from runtime.db_watch import DatabaseWatch

BANNED_NOTICE_EVERY = 3600.0
#: How often the queued `last_active_at` writes are flushed (seconds).
FLUSH_ACTIVITY_EVERY = 5.0
#: How long the last flush may take when the reader stops.
FLUSH_ON_STOP = 1.0
#: Updates taken from the inbox at once when busy (started without a yield between them).
DRAIN_AT_MOST = 64


class HandledSink(Protocol):
    """Told (and awaited) when an update is handled: the update stream's ledger."""

    async def handled(self, update: object) -> None: ...


class UpdateObserver(Protocol):
    """Told when an update has been handled; tests use it to wait without sleeping."""

    def update_handled(self, update: object, error: BaseException | None) -> None: ...


def sender_of(update: object) -> User | None:
    if isinstance(update, Message | CallbackQuery):
        return update.from_user
    user = getattr(update, "from_user", None)
    return user if isinstance(user, User) else None


def from_a_bot(update: object, sender: User) -> bool:
    """Sent by a bot: this one (its own outgoing message) or any other."""
    return bool(sender.is_bot) or (isinstance(update, Message) and bool(update.outgoing))


def is_successful_payment(update: object) -> bool:
    return isinstance(update, Message) and update.successful_payment is not None


def is_payment(update: object) -> bool:
    """A pre-checkout query or a successful payment: never throttled, never dropped."""
    return isinstance(update, PreCheckoutQuery) or is_successful_payment(update)


def kind_of(update: object) -> str:
    """The metric label of an update: "message", "callback_query", "pre_checkout_query"..."""
    if isinstance(update, Message):
        return "payment" if update.successful_payment is not None else "message"
    if isinstance(update, CallbackQuery):
        return "callback_query"
    if isinstance(update, PreCheckoutQuery):
        return "pre_checkout_query"
    return type(update).__name__.lower()


def drain(inbox: MemoryObjectReceiveStream[Update], first: Update, at_most: int) -> list[Update]:
    """`first` and what is waiting in `inbox` right now, `at_most` in all."""
    batch = [first]
    while len(batch) < at_most:
        try:
            batch.append(inbox.receive_nowait())
        except (anyio.WouldBlock, anyio.EndOfStream):
            break
    return batch


def callback_secret(settings: Settings) -> bytes:
    """The buttons' signing key, derived from the bot token or kept in SESSION_DIR."""
    return callback_key(settings)


async def reply_briefly(update: Update, message: str) -> None:
    """A short answer that fits the update: a callback answer, a refused pre-checkout
    (Telegram fails the payment after 10 s without one), or a message."""
    if isinstance(update, CallbackQuery):
        await update.answer(message, show_alert=True)
    elif isinstance(update, PreCheckoutQuery):
        await update.answer(ok=False, error_message=message)
    elif isinstance(update, Message):
        await update.reply_text(message)


@dataclass
class UpdateReader:
    client: Client
    router: Router
    settings: Settings
    cache: Cache
    observer: UpdateObserver | None = None
    concurrency: int = 64
    stream: HandledSink | None = None
    _alerts: MemoryObjectSendStream[Alert] | None = field(default=None, init=False, repr=False)
    database: DatabaseWatch | None = None
    series: ShopSeries | None = None  # updates by kind, handler latency
    alert_channel: AlertChannel | None = None  # handed to handlers (BotDeps.alerts)
    status: SystemStatus | None = None  # handed to handlers (BotDeps.status)
    access_hashes: AccessHashes = field(default_factory=AccessHashes)  # senders' hashes
    #: Made once per process (main), so the cache outlives the reader's restarts.
    statuses: UserStatusCache = field(default_factory=UserStatusCache)
    activity: UserActivity = field(default_factory=UserActivity)

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(UPDATE_READER)
        self._outage = OutageReplies(self.database)
        deps = BotDeps(
            client=self.client,
            settings=self.settings,
            callbacks=CallbackCodec(callback_secret(self.settings)),
            cache=self.cache,
            orders=ctx.outbox(ORDER_PROCESSOR),
            broadcasts=ctx.outbox(BROADCAST_SENDER),
            alerts=self.alert_channel or AlertChannel(ctx.outbox(ALERT_DISPATCHER)),
            status=self.status,
            statuses=self.statuses,
        )
        metrics = ctx.outbox(METRICS_COLLECTOR)
        self._alerts = ctx.outbox(ALERT_DISPATCHER)
        guard = FloodGuard(rate=self.settings.flood_rate, burst=self.settings.flood_burst)
        lanes = UserLanes()
        slots = anyio.Semaphore(self.concurrency)
        try:
            async with anyio.create_task_group() as handlers:
                flushing = anyio.CancelScope()
                handlers.start_soon(self._flush_activity, flushing)
                ctx.ready()
                async for first in ctx.messages(inbox):
                    # Busy: whatever else is waiting is taken now, each started without
                    # a yield while a slot is free.
                    batch = drain(inbox, first, DRAIN_AT_MOST)
                    for update in batch:
                        try:
                            slots.acquire_nowait()
                        except anyio.WouldBlock:
                            await slots.acquire()
                        handlers.start_soon(self._handle, update, deps, guard, lanes, slots)
                    try:
                        metrics.send_nowait(MetricEvent("updates_received", len(batch)))
                    except anyio.WouldBlock:
                        logger.bind(actor=UPDATE_READER).debug("metrics inbox full")
                flushing.cancel()  # the handlers still running are waited for
        finally:
            with anyio.CancelScope(shield=True), anyio.move_on_after(FLUSH_ON_STOP):
                await self._flush_activity_once()

    async def _flush_activity(self, scope: anyio.CancelScope) -> None:
        """Write the queued `last_active_at`s every FLUSH_ACTIVITY_EVERY seconds."""
        with scope:
            while True:
                await anyio.sleep(FLUSH_ACTIVITY_EVERY)
                await self._flush_activity_once()

    async def _flush_activity_once(self) -> None:
        try:
            await self.activity.flush()
        except Exception as error:  # noqa: BLE001 - kept queued, written by the next flush
            logger.bind(actor=UPDATE_READER).warning(
                "last_active_at not written ({}); kept for the next flush", type(error).__name__
            )

    async def _handle(
        self,
        update: Update,
        deps: BotDeps,
        guard: FloodGuard,
        lanes: UserLanes,
        slots: anyio.Semaphore,
    ) -> None:
        error: BaseException | None = None
        user = sender_of(update)
        began = time.perf_counter()
        try:
            if user is None:
                logger.bind(actor=UPDATE_READER).debug("update without a sender ignored")
            elif from_a_bot(update, user):
                # The bot's own messages (echoed to its other sessions) and other bots'
                # are never handled, and a bot is never recorded as a shopper.
                logger.bind(actor=UPDATE_READER).debug("update from a bot ignored")
            else:
                handle = partial(self._handle_from, user, update, deps, guard, lanes)
                await self._outage.waiting_out(handle, update)
        except Exception as exc:  # noqa: BLE001 - one shopper's failure must not stop the rest
            if user is None or not await self._outage.answered_after(exc, user, update):
                error = exc
                logger.bind(actor=UPDATE_READER).opt(exception=exc).error("handler failed")
        finally:
            slots.release()
            if self.series is not None:
                kind = kind_of(update)
                self.series.updates.labels(kind).inc()
                self.series.handler_seconds.labels(kind).observe(time.perf_counter() - began)
            if self.observer is not None:
                self.observer.update_handled(update, error)
            if self.stream is not None:
                await self.stream.handled(update)  # the stream may move past it

    async def _handle_from(
        self, user: User, update: Update, deps: BotDeps, guard: FloodGuard, lanes: UserLanes
    ) -> None:
        # A payment is never throttled: an unanswered pre-checkout fails the payment, and a
        # dropped successful_payment is money taken with no receipt stored.
        verdict = Verdict.ALLOW if is_payment(update) else guard.admit(user.id)
        if verdict is Verdict.DROP:
            return
        if verdict is Verdict.WARN:
            await reply_briefly(update, text("slow_down", pick_language(user.language_code)))
            return
        if await self._outage.answered_while_down(user, update):
            return
        async with lanes.lane(user.id):
            status, profile_saved = await self._status_of(user)
            await self.access_hashes.note(user)
            language: Language = "en" if status.language == "en" else "ru"
            if status.is_banned and not is_successful_payment(update):
                await self._tell_banned(user.id, update, language)
                return
            if status.is_banned:
                self._alert_banned_payment(user.id, update)
            request = Request(deps, user.id, language, profile_saved=profile_saved)
            if not await self.router.dispatch(request, update):
                logger.bind(actor=UPDATE_READER).debug("no handler for {}", type(update).__name__)

    async def _status_of(self, user: User) -> tuple[UserStatus, bool]:
        """Ban and language: from the cache, or (one statement, an upsert that records a
        new sender, refreshes a known one's names and access hash and moves
        `last_active_at`) from the database. True when the row was written from `user`."""
        status = self.statuses.get(user.id)
        if status is not None:
            self.activity.seen(user.id)
            return status, False
        generation = self.statuses.generation()
        access_hash = access_hash_of(user)
        status = await record_user(
            user.id,
            first_name=user.first_name or "",
            last_name=user.last_name,
            username=user.username,
            language=pick_language(user.language_code),
            access_hash=access_hash,
        )
        self.access_hashes.stored(user.id, access_hash)
        self.activity.wrote(user.id)
        self.statuses.put(user.id, status, generation)
        return status, True

    def _alert_banned_payment(self, user_id: int, update: Update) -> None:
        """A banned shopper paid (banned after Telegram's pre-checkout): the payment is
        recorded as anyone's, and the admins decide about the order and the money."""
        payment = update.successful_payment if isinstance(update, Message) else None
        if payment is None:
            return
        order = order_of_payload(payment.invoice_payload)
        alert = Alert(
            UPDATE_READER,
            f"A banned user ({user_id}) paid {payment.total_amount} {payment.currency} "
            f"(minor units) for order #{order}: the payment is recorded; decide on the "
            "order and a refund.",
            Severity.WARNING,
            key=f"banned-payment:{payment.telegram_payment_charge_id}",
        )
        try:
            if self._alerts is not None:
                self._alerts.send_nowait(alert)
        except anyio.WouldBlock:
            logger.bind(actor=UPDATE_READER).error("alert inbox full: {}", alert.text)

    async def _tell_banned(self, user_id: int, update: Update, language: Language) -> None:
        key = f"banned-notice:{user_id}"
        if isinstance(update, PreCheckoutQuery):
            await reply_briefly(update, text("banned", language))
            return
        if await self.cache.get(key) is not None:
            if isinstance(update, CallbackQuery):
                await update.answer()  # stop the button's spinner, say nothing more
            return
        await self.cache.set(key, "1", ttl=BANNED_NOTICE_EVERY)
        await reply_briefly(update, text("banned", language))
