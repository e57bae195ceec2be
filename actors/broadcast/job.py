"""One broadcast's run: queue its recipients, send to each once, persist, report.

* Recipients are queued by the database (`INSERT ... SELECT` in keyset pages of
  `users.id`), then read back in keyset pages of pending deliveries (the next page is
  fetched while the current one is being sent): never all at once.
* Each recipient is one task; at most `max_in_flight` exist, enough that Telegram's
  latency overlaps (several sends in flight) and does not lower the rate. Each task
  waits on the one pacer right before its send.
* Outcomes are counted at once (the progress message shows them) and written in
  batches (`flush_every` s or `flush_size` outcomes), each batch one transaction. A
  crash loses at most the last batch: those recipients are still `pending`, are sent
  again with the same `random_id`, and Telegram answers RANDOM_ID_DUPLICATE: counted
  as sent, received once.
* `stop(reason)`: pause, cancel or shutdown. No new send starts; sends already on the
  wire finish within a grace period (then they are cancelled, and stay pending); the
  outcomes are flushed; the broadcast's status says what happened.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import anyio
from loguru import logger
from pyrogram import Client

from actors.broadcast.delivery import Delivery, Result, Sender
from actors.broadcast.pacing import Pacer
from actors.broadcast.progress import ProgressMessage, RateMeter, progress_message
from actors.messages import Alert, Severity
from actors.names import BROADCAST_SENDER
from bot.callbacks import CallbackCodec
from bot.superadmin.broadcasts.content import BroadcastContent, prepare_content
from bot.superadmin.broadcasts.views import Snapshot
from models.broadcasts import (
    BLOCKED,
    CANCELLED,
    DELIVERY_FAILED,
    FAILED,
    FINISHED,
    PAUSED,
    RUNNING,
    SENT,
    Audience,
    Broadcast,
    Outcome,
    Recipient,
    finish_queueing,
    get_broadcast,
    next_pending,
    queue_audience_page,
    record_outcomes,
    set_broadcast_status,
)

SKIPPED_BANNED = "USER_BANNED_IN_SHOP"
SKIPPED_BLOCKED = "BOT_BLOCKED_EARLIER"


class StopReason(enum.Enum):
    PAUSE = "pause"
    CANCEL = "cancel"
    SHUTDOWN = "shutdown"
    BROKEN = "broken"  # the message itself is refused by Telegram


@dataclass(frozen=True)
class JobSettings:
    rate: float = 20.0
    paid: bool = False
    page_size: int = 500
    flush_every: float = 0.5
    flush_size: int = 200
    progress_every: float = 3.0
    stall_after: float = 60.0
    long_flood: float = 60.0  # a flood wait this long is worth an alert
    pause_grace: float = 3.0
    shutdown_grace: float = 0.3
    retries: int = 3
    backoff: float = 0.5
    max_in_flight: int | None = None

    @property
    def in_flight(self) -> int:
        """Enough sends in flight to keep the rate up through ~1 s of latency."""
        if self.max_in_flight is not None:
            return self.max_in_flight
        return max(16, int(self.rate) + 1)


@dataclass
class JobDeps:
    client: Client
    pacer: Pacer
    codec: CallbackCodec
    settings: JobSettings
    alert: Callable[[Alert], None]
    count: Callable[[str, int], None]  # a metric event


class _Prefetch:
    """The next page of recipients, fetched in the background."""

    def __init__(self, fetch: Callable[[], Awaitable[list[Recipient]]]) -> None:
        self._fetch = fetch
        self._done = anyio.Event()
        self._page: list[Recipient] = []
        self._error: Exception | None = None

    async def run(self) -> None:
        try:
            self._page = await self._fetch()
        except Exception as error:  # noqa: BLE001 - handed to the consumer, raised there
            self._error = error
        finally:
            self._done.set()

    async def get(self) -> list[Recipient]:
        await self._done.wait()
        if self._error is not None:
            raise self._error
        return self._page


@dataclass
class BroadcastJob:
    broadcast_id: int
    deps: JobDeps
    stop_reason: StopReason | None = None
    resume_requested: bool = False
    error: str | None = None
    total: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    duplicates: int = 0
    status: str = RUNNING
    queueing: bool = False
    _stop: anyio.Event = field(default_factory=anyio.Event)
    _flush_now: anyio.Event = field(default_factory=anyio.Event)
    _buffer: list[Outcome] = field(default_factory=list)
    _flush_lock: anyio.Lock = field(default_factory=anyio.Lock)
    _phase_changed: anyio.Event = field(default_factory=anyio.Event)
    _progress: ProgressMessage | None = None
    _rate: RateMeter = field(default_factory=RateMeter)
    _last_done_at: float = 0.0
    _stall_alerted: bool = False

    @property
    def actor_log(self) -> Any:
        return logger.bind(actor=BROADCAST_SENDER, broadcast=self.broadcast_id)

    # -- control ---------------------------------------------------------------------

    def stop(self, reason: StopReason) -> None:
        """Stop sending; a cancel overrides a pause, nothing overrides a cancel."""
        if self.stop_reason is None or (
            reason is StopReason.CANCEL and self.stop_reason is StopReason.PAUSE
        ):
            self.stop_reason = reason
        if reason is StopReason.CANCEL:
            self.resume_requested = False
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self.stop_reason is not None

    # -- the run ---------------------------------------------------------------------

    async def run(self) -> str:
        """Run until every recipient is done or a stop; returns the broadcast's status."""
        broadcast = await get_broadcast(self.broadcast_id)
        if broadcast is None or broadcast.status != RUNNING:
            return broadcast.status if broadcast is not None else CANCELLED
        self._load(broadcast)
        self._progress = await progress_message(self.deps.client, self.deps.codec, broadcast)
        self._last_done_at = anyio.current_time()
        self.actor_log.info(
            "broadcast {} running: {} of {} done", self.broadcast_id, self.done, self.total
        )
        try:
            content = await self._content(broadcast)
        except ValueError as error:  # a photo file id Kurigram cannot read
            self.error = f"PHOTO_INVALID: {error}"
            self.stop(StopReason.BROKEN)
            content = None
        async with anyio.create_task_group() as helpers:
            helpers.start_soon(self._report_loop)
            helpers.start_soon(self._flush_loop)
            if broadcast.queued_at is None and not self.stopping:
                await self._queue(Audience.from_json(broadcast.audience))
            if content is not None and not self.stopping:
                await self._send_all(content, int(broadcast.nonce))
            with anyio.CancelScope(shield=True):
                await self._flush_final()
            helpers.cancel_scope.cancel()
        return await self._finish()

    def _load(self, broadcast: Broadcast) -> None:
        self.total = int(broadcast.total)
        self.sent = int(broadcast.sent)
        self.blocked = int(broadcast.blocked)
        self.failed = int(broadcast.failed)
        self.queueing = broadcast.queued_at is None

    async def _content(self, broadcast: Broadcast) -> BroadcastContent:
        return await prepare_content(
            self.deps.client,
            html=str(broadcast.text),
            photo_file_id=broadcast.photo_file_id,
            button_text=broadcast.button_text,
            button_url=broadcast.button_url,
        )

    async def _queue(self, audience: Audience) -> None:
        page = self.deps.settings.page_size * 20
        while not self.stopping:
            queued = await queue_audience_page(self.broadcast_id, audience, page=page)
            self.total += queued
            if queued < page:
                self.total = await finish_queueing(self.broadcast_id)
                self.queueing = False
                self._phase_changed.set()
                self.actor_log.info(
                    "broadcast {}: {} recipients queued", self.broadcast_id, self.total
                )
                return

    async def _send_all(self, content: BroadcastContent, nonce: int) -> None:
        settings = self.deps.settings
        sender = Sender(
            self.deps.client,
            self.deps.pacer,
            content,
            self.broadcast_id,
            nonce,
            paid=settings.paid,
            retries=settings.retries,
            backoff=settings.backoff,
            on_flood=self._on_flood,
            stopped=lambda: self.stopping,
        )
        slots = anyio.Semaphore(settings.in_flight)
        async with anyio.create_task_group() as watcher:
            with anyio.CancelScope() as sending:
                watcher.start_soon(self._cancel_after_grace, sending)
                async with anyio.create_task_group() as sends:
                    await self._dispatch(sender, slots, sends)
            watcher.cancel_scope.cancel()

    async def _dispatch(
        self, sender: Sender, slots: anyio.Semaphore, sends: anyio.abc.TaskGroup
    ) -> None:
        size = self.deps.settings.page_size
        page = await next_pending(self.broadcast_id, size)
        while page and not self.stopping:
            after = page[-1].delivery_id
            prefetch = _Prefetch(partial(next_pending, self.broadcast_id, size, after=after))
            sends.start_soon(prefetch.run)
            for recipient in page:
                await slots.acquire()
                if self.stopping:
                    slots.release()
                    break
                if recipient.is_banned or recipient.bot_blocked:
                    self._skip(recipient)
                    slots.release()
                    continue
                sends.start_soon(self._deliver, sender, recipient, slots)
            page = await prefetch.get()

    async def _cancel_after_grace(self, sending: anyio.CancelScope) -> None:
        await self._stop.wait()
        settings = self.deps.settings
        grace = (
            settings.shutdown_grace
            if self.stop_reason is StopReason.SHUTDOWN
            else settings.pause_grace
        )
        await anyio.sleep(grace)
        sending.cancel()

    async def _deliver(self, sender: Sender, recipient: Recipient, slots: anyio.Semaphore) -> None:
        try:
            delivery = await sender.deliver(recipient.telegram_id, recipient.access_hash)
            self._record(recipient, delivery)
        finally:
            slots.release()

    def _record(self, recipient: Recipient, delivery: Delivery) -> None:
        result = delivery.result
        if result is Result.UNSENT:
            return
        if result is Result.SENT:
            status, self.sent = SENT, self.sent + 1
            self.duplicates += delivery.duplicate
        elif result is Result.BLOCKED:
            status, self.blocked = BLOCKED, self.blocked + 1
        else:
            status, self.failed = DELIVERY_FAILED, self.failed + 1
        if result is Result.BROKEN and self.error is None:
            self.error = delivery.error
            self.actor_log.error(
                "broadcast {} refused by Telegram: {}", self.broadcast_id, delivery.error
            )
            self.stop(StopReason.BROKEN)
        self._add(Outcome(recipient.delivery_id, recipient.telegram_id, status, delivery.error))

    def _skip(self, recipient: Recipient) -> None:
        """A recipient banned or known to have blocked the bot since queueing: no send."""
        if recipient.is_banned:
            self.failed += 1
            outcome = Outcome(
                recipient.delivery_id, recipient.telegram_id, DELIVERY_FAILED, SKIPPED_BANNED
            )
        else:
            self.blocked += 1
            outcome = Outcome(
                recipient.delivery_id, recipient.telegram_id, BLOCKED, SKIPPED_BLOCKED
            )
        self._add(outcome)

    def _add(self, outcome: Outcome) -> None:
        self._buffer.append(outcome)
        self._last_done_at = anyio.current_time()
        self._stall_alerted = False
        if len(self._buffer) >= self.deps.settings.flush_size:
            self._flush_now.set()

    # -- persistence -----------------------------------------------------------------

    async def _flush_loop(self) -> None:
        while True:
            with anyio.move_on_after(self.deps.settings.flush_every):
                await self._flush_now.wait()
            self._flush_now = anyio.Event()
            await self._flush()

    async def _flush(self) -> None:
        """Write the outcomes counted so far: one flush at a time, and a flush that has
        begun is never cancelled half-way (its batch would be lost from the figures)."""
        async with self._flush_lock:
            if not self._buffer:
                return
            batch, self._buffer = self._buffer, []
            with anyio.CancelScope(shield=True):
                moved = await record_outcomes(self.broadcast_id, batch)
        for status, amount in moved.items():
            self.deps.count(f"broadcast_{status}", amount)

    async def _flush_final(self) -> None:
        # At shutdown the supervisor gives the sender 1 s in all (main promises 10 s).
        limit = 0.5 if self.stop_reason is StopReason.SHUTDOWN else 30.0
        with anyio.move_on_after(limit) as scope:
            await self._flush()
        if scope.cancelled_caught:
            self.actor_log.warning(
                "broadcast {}: last outcomes not written; they are re-sent (same random_id)",
                self.broadcast_id,
            )

    # -- the end ---------------------------------------------------------------------

    async def _finish(self) -> str:
        reason = self.stop_reason
        if reason is StopReason.SHUTDOWN:
            self.actor_log.info(
                "broadcast {} stopped for shutdown; resumes at start", self.broadcast_id
            )
            return RUNNING
        if reason is StopReason.PAUSE:
            if self.resume_requested:
                return RUNNING
            await set_broadcast_status(self.broadcast_id, PAUSED, only_from=[RUNNING])
        elif reason is StopReason.CANCEL:
            await set_broadcast_status(self.broadcast_id, CANCELLED, only_from=[RUNNING, PAUSED])
        elif reason is StopReason.BROKEN:
            await set_broadcast_status(
                self.broadcast_id, FAILED, only_from=[RUNNING], error=self.error
            )
            self.deps.alert(
                Alert(
                    BROADCAST_SENDER,
                    f"Broadcast #{self.broadcast_id} failed: Telegram refuses the message "
                    f"({self.error}); {self.done} of {self.total} done, the rest not sent",
                    Severity.CRITICAL,
                    key=f"broadcast:{self.broadcast_id}:failed",
                    details={"broadcast": str(self.broadcast_id), "error": str(self.error)},
                )
            )
        else:
            await set_broadcast_status(self.broadcast_id, FINISHED, only_from=[RUNNING])
            self.actor_log.info(
                "broadcast {} finished: {} sent ({} already had it), {} blocked, {} failed",
                self.broadcast_id,
                self.sent,
                self.duplicates,
                self.blocked,
                self.failed,
            )
        final = await get_broadcast(self.broadcast_id)
        if final is None:
            return CANCELLED
        self.status = str(final.status)
        if self._progress is not None:
            await self._progress.show(Snapshot.of(final))
        return self.status

    # -- reporting -------------------------------------------------------------------

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed

    def snapshot(self) -> Snapshot:
        return Snapshot(
            broadcast_id=self.broadcast_id,
            status=self.status,
            total=self.total,
            sent=self.sent,
            blocked=self.blocked,
            failed=self.failed,
            queueing=self.queueing,
            rate=self._rate.sample(self.done),
            flood_wait=self.deps.pacer.gate.remaining(),
        )

    async def _report_loop(self) -> None:
        """Edit the progress message every `progress_every` s, and at once when the
        phase changes (queued, flood wait)."""
        while True:
            if not self.stopping and self._progress is not None:
                await self._progress.show(self.snapshot())
            self._check_stall()
            with anyio.move_on_after(self.deps.settings.progress_every):
                await self._phase_changed.wait()
            self._phase_changed = anyio.Event()

    def _check_stall(self) -> None:
        settings = self.deps.settings
        idle = anyio.current_time() - self._last_done_at
        if (
            self.stopping
            or self.queueing
            or self._stall_alerted
            or not self.deps.pacer.gate.is_open
            or idle < settings.stall_after
        ):
            return
        self._stall_alerted = True
        self.actor_log.warning(
            "broadcast {} stalled: nothing done for {:.0f} s", self.broadcast_id, idle
        )
        self.deps.alert(
            Alert(
                BROADCAST_SENDER,
                f"Broadcast #{self.broadcast_id} stalled: no recipient done for {idle:.0f} s "
                f"({self.done} of {self.total} done)",
                Severity.WARNING,
                key=f"broadcast:{self.broadcast_id}:stalled",
                details={"broadcast": str(self.broadcast_id)},
            )
        )

    def _on_flood(self, seconds: int) -> None:
        self._phase_changed.set()
        self.deps.count("broadcast_flood_waits", 1)
        self.actor_log.warning("flood wait {} s: every broadcast send waits", seconds)
        self._last_done_at = max(self._last_done_at, anyio.current_time() + seconds)
        if seconds >= self.deps.settings.long_flood:
            self.deps.alert(
                Alert(
                    BROADCAST_SENDER,
                    f"Telegram asked broadcasts to wait {seconds} s (broadcast "
                    f"#{self.broadcast_id}); sending resumes after it",
                    Severity.WARNING,
                    key="broadcast:long_flood_wait",
                    details={"seconds": str(seconds)},
                )
            )
