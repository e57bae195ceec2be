"""broadcast_sender: the only sender of broadcasts, paced by one aiolimiter limiter.

It also sends the back-in-stock notices (`actors.broadcast.stock_notices`) through the
same pacer, when the order processor says waits are due (`SendStockNotices`), at start
and on a timer.

It owns the pacer (one `AsyncLimiter(1, 1 / rate)` and one flood gate) that every
broadcast send of every broadcast waits on, and one `BroadcastJob` per running
broadcast. Shoppers' replies never go through it: they are sent by the update reader's
handlers directly, so they never queue behind a broadcast.

* At start it resumes every broadcast whose row says `running` (the process may have
  died mid-broadcast: progress is per recipient in the database, and re-sends carry the
  same `random_id`, so nobody gets it twice).
* `StartBroadcast` starts a confirmed broadcast (idempotent); `PauseBroadcast`,
  `ResumeBroadcast`, `CancelBroadcast` come from the progress message's buttons.
* A job that raises is retried (with an alert) a few times, then the broadcast is
  marked failed and the superadmins are alerted. A database outage is not the
  broadcast's failure: a job stopped by one runs again after the outage's backoff, as
  often as it takes, and the resume at start and the control messages are retried
  through it (`DatabaseWatch`).
* On stop (shutdown) every job stops sending, waits briefly for sends on the wire,
  writes the outcomes it has and leaves its broadcast `running` for the next start.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from pyrogram import Client

from actors.broadcast.job import BroadcastJob, JobDeps, JobSettings, StopReason
from actors.broadcast.pacing import Pacer, smooth_limiter
from actors.broadcast.progress import progress_message
from actors.broadcast.stock_notices import StockNotices
from actors.messages import (
    Alert,
    CancelBroadcast,
    MetricEvent,
    PauseBroadcast,
    ResumeBroadcast,
    SendStockNotices,
    Severity,
    StartBroadcast,
)
from actors.names import ALERT_DISPATCHER, BROADCAST_SENDER, METRICS_COLLECTOR
from actors.supervisor import ActorContext
from bot.callbacks import CallbackCodec
from bot.superadmin.broadcasts.views import Snapshot
from models.broadcasts import (
    CANCELLED,
    FAILED,
    PAUSED,
    RUNNING,
    broadcasts_to_resume,
    get_broadcast,
    set_broadcast_status,
)
from runtime.db_watch import DatabaseWatch

__all__ = ["BroadcastSender", "JobSettings", "smooth_limiter"]

actor_log = logger.bind(actor=BROADCAST_SENDER)
T = TypeVar("T")


@dataclass
class BroadcastSender:
    client: Client
    rate: float
    codec: CallbackCodec
    paid: bool = False
    job_settings: JobSettings | None = None
    job_attempts: int = 3  # runs of one broadcast that may raise before it is failed
    retry_delay: float = 5.0  # seconds before a raising job runs again (doubling)
    jobs: dict[int, BroadcastJob] = field(default_factory=dict)
    database: DatabaseWatch | None = None  # waits out database outages when given

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(BROADCAST_SENDER)
        self._alerts: MemoryObjectSendStream[Alert] = ctx.outbox(ALERT_DISPATCHER)
        self._metrics: MemoryObjectSendStream[MetricEvent] = ctx.outbox(METRICS_COLLECTOR)
        settings = self.job_settings or JobSettings()
        self._settings = JobSettings(**{**settings.__dict__, "rate": self.rate, "paid": self.paid})
        # Made in this run's loop: an aiolimiter limiter is bound to its event loop.
        self.pacer = Pacer(self.rate)
        self.limiter = self.pacer.limiter
        self.jobs = {}
        self.stock_notices = StockNotices(
            self.client, self.pacer, self.codec, retrying=self._retrying
        )
        async with anyio.create_task_group() as tasks:
            ctx.ready()
            tasks.start_soon(self._resume_running, tasks)
            tasks.start_soon(self.stock_notices.run)
            async for message in ctx.messages(inbox):
                try:
                    await self._retrying(partial(self._handle, tasks, message))
                except Exception as error:  # noqa: BLE001 - running broadcasts go on
                    # A control message that could not be carried out (the database
                    # down): logged; the superadmin presses again. Crashing here would
                    # interrupt every running broadcast for one button.
                    actor_log.opt(exception=error).error(
                        "{} not carried out", type(message).__name__
                    )
            for job in self.jobs.values():
                job.stop(StopReason.SHUTDOWN)
            tasks.cancel_scope.deadline = anyio.current_time() + 0.9

    async def _resume_running(self, tasks: TaskGroup) -> None:
        for broadcast_id in await self._retrying(broadcasts_to_resume):
            if broadcast_id not in self.jobs:
                actor_log.info("resuming broadcast {}", broadcast_id)
                self._start(tasks, broadcast_id)

    async def _handle(self, tasks: TaskGroup, message: object) -> None:
        if isinstance(message, StartBroadcast):
            if message.broadcast_id not in self.jobs:
                self._start(tasks, message.broadcast_id)
        elif isinstance(message, PauseBroadcast):
            await self._pause(message.broadcast_id)
        elif isinstance(message, ResumeBroadcast):
            await self._resume(tasks, message.broadcast_id)
        elif isinstance(message, CancelBroadcast):
            await self._cancel(message.broadcast_id)
        elif isinstance(message, SendStockNotices):
            self.stock_notices.kick()
        else:
            actor_log.warning("unexpected message {}", type(message).__name__)

    async def _pause(self, broadcast_id: int) -> None:
        job = self.jobs.get(broadcast_id)
        if job is not None:
            job.resume_requested = False
            job.stop(StopReason.PAUSE)
        elif await set_broadcast_status(broadcast_id, PAUSED, only_from=[RUNNING]):
            await self._show(broadcast_id)

    async def _resume(self, tasks: TaskGroup, broadcast_id: int) -> None:
        job = self.jobs.get(broadcast_id)
        if job is not None:
            if job.stop_reason is StopReason.PAUSE:
                job.resume_requested = True  # it is still winding down: run it again
            return
        if await set_broadcast_status(broadcast_id, RUNNING, only_from=[PAUSED]):
            self._start(tasks, broadcast_id)

    async def _cancel(self, broadcast_id: int) -> None:
        job = self.jobs.get(broadcast_id)
        if job is not None:
            job.stop(StopReason.CANCEL)
        elif await set_broadcast_status(broadcast_id, CANCELLED, only_from=[RUNNING, PAUSED]):
            await self._show(broadcast_id)

    async def _show(self, broadcast_id: int) -> None:
        broadcast = await get_broadcast(broadcast_id)
        if broadcast is not None:
            progress = await progress_message(self.client, self.codec, broadcast)
            await progress.show(Snapshot.of(broadcast))

    # -- jobs ------------------------------------------------------------------------

    def _new_job(self, broadcast_id: int) -> BroadcastJob:
        deps = JobDeps(
            self.client, self.pacer, self.codec, self._settings, self._alert, self._count
        )
        job = BroadcastJob(broadcast_id, deps)
        self.jobs[broadcast_id] = job
        return job

    def _start(self, tasks: TaskGroup, broadcast_id: int) -> None:
        tasks.start_soon(self._supervise, self._new_job(broadcast_id))

    async def _supervise(self, job: BroadcastJob) -> None:
        """Run a broadcast's jobs until it is over: again after a pause that was resumed
        while winding down, again (a few times, with alerts) after a job raised."""
        broadcast_id = job.broadcast_id
        failures = outage_attempts = 0
        try:
            while True:
                try:
                    status = await job.run()
                except Exception as error:  # noqa: BLE001 - a broadcast's failure stays its own
                    if job.stop_reason is StopReason.SHUTDOWN:
                        return
                    if self.database is not None and self.database.is_transient(error):
                        outage_attempts += 1
                        await self.database.wait_out(error, outage_attempts, who=BROADCAST_SENDER)
                    else:
                        failures += 1
                        if not await self._survive(job, error, failures):
                            return
                    if await self._retrying(partial(self._stopped_while_waiting, job)):
                        return
                else:
                    if not (status == RUNNING and job.resume_requested):
                        return
                job = self._new_job(broadcast_id)
        finally:
            if self.jobs.get(broadcast_id) is job:
                del self.jobs[broadcast_id]

    async def _survive(self, job: BroadcastJob, error: Exception, failures: int) -> bool:
        """After a job raised: True to run it again, False when the broadcast failed."""
        broadcast_id = job.broadcast_id
        reason = f"{type(error).__name__}: {error}"
        actor_log.opt(exception=error).error("broadcast {} run {} raised", broadcast_id, failures)
        if failures >= self.job_attempts:
            with contextlib.suppress(Exception):
                await set_broadcast_status(broadcast_id, FAILED, only_from=[RUNNING], error=reason)
                await self._show(broadcast_id)
            self._alert(
                Alert(
                    BROADCAST_SENDER,
                    f"Broadcast #{broadcast_id} failed after {failures} attempts: {reason}",
                    Severity.CRITICAL,
                    key=f"broadcast:{broadcast_id}:failed",
                    details={"broadcast": str(broadcast_id), "error": reason},
                )
            )
            return False
        delay = self.retry_delay * 2 ** (failures - 1)
        self._alert(
            Alert(
                BROADCAST_SENDER,
                f"Broadcast #{broadcast_id} interrupted: {reason}; trying again in {delay:.0f} s",
                Severity.WARNING,
                key=f"broadcast:{broadcast_id}:interrupted",
                details={"broadcast": str(broadcast_id), "attempt": str(failures)},
            )
        )
        await anyio.sleep(delay)
        return True

    async def _stopped_while_waiting(self, job: BroadcastJob) -> bool:
        """A pause or a cancel that came while a raising job waited to run again."""
        if job.stop_reason is StopReason.CANCEL:
            await set_broadcast_status(job.broadcast_id, CANCELLED, only_from=[RUNNING])
        elif job.stop_reason is StopReason.PAUSE and not job.resume_requested:
            await set_broadcast_status(job.broadcast_id, PAUSED, only_from=[RUNNING])
        else:
            return False
        await self._show(job.broadcast_id)
        return True

    async def _retrying(self, work: Callable[[], Awaitable[T]]) -> T:
        if self.database is None:
            return await work()
        return await self.database.retry(work, who=BROADCAST_SENDER)

    # -- outboxes --------------------------------------------------------------------

    def _alert(self, alert: Alert) -> None:
        try:
            self._alerts.send_nowait(alert)
        except anyio.WouldBlock:
            actor_log.warning("alerts inbox full; dropped {}", alert.key)

    def _count(self, name: str, amount: int) -> None:
        with contextlib.suppress(anyio.WouldBlock):
            self._metrics.send_nowait(MetricEvent(name, amount))
