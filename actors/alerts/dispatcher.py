"""alert_dispatcher: every `Alert` reaches every superadmin in Telegram, once per incident.

An incident is an alert key. Folding is decided by `actors.alerts.folding.AlertFolds`,
made once per process (so it outlives this actor's restarts, and through the cache the
process's): the first alert of a key goes out at once; repeats inside the fold window
are held and one summary per window says how many ("N more like this"); a graceful stop
sends the summaries of what is still held. A superadmin who cannot be reached (blocked
the bot, flood wait) is logged and skipped; the dispatcher itself never crashes on a send.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import anyio
from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors.rpc_error import RPCError

from actors.actor_context import ActorContext
from actors.alerts.folding import AlertFolds, Summary
from actors.messages import Alert, Severity
from actors.names import ALERT_DISPATCHER
from runtime.scrubbing import SecretScrubber

SEVERITY_MARK = {Severity.INFO: "ℹ️", Severity.WARNING: "⚠️", Severity.CRITICAL: "🚨"}

#: Seconds between two looks for fold windows that ended with alerts held.
SUMMARY_TICK = 1.0


def _when(alert: Alert) -> str:
    moment = datetime.fromtimestamp(alert.raised_at, tz=UTC)
    return f"time: {moment:%Y-%m-%d %H:%M:%S} UTC"


def _header(alert: Alert) -> str:
    return f"{SEVERITY_MARK[alert.severity]} {alert.severity.value.upper()} · {alert.source}"


def format_alert(alert: Alert, folded: int) -> str:
    """Severity and source, the cause (the text and its details), the time."""
    lines = [_header(alert), alert.text]
    lines.extend(f"{name}: {value}" for name, value in alert.details.items())
    lines.append(_when(alert))
    if folded:
        lines.append(f"(+{folded} similar in the last minutes)")
    return "\n".join(lines)


def format_summary(alert: Alert, count: int, seconds: float) -> str:
    """The message for `count` alerts held back; `alert` is the latest of them."""
    key = alert.key or alert.source
    minutes = max(1, math.ceil(seconds / 60))
    lines = [_header(alert)]
    lines.append(
        f"{count} more like this in the last {minutes} min ({seconds:.0f} s, {key}); the latest:"
    )
    lines.append(alert.text)
    lines.extend(f"{name}: {value}" for name, value in alert.details.items())
    lines.append(_when(alert))
    return "\n".join(lines)


@dataclass
class AlertDispatcher:
    client: Client
    superadmin_ids: Sequence[int]
    scrubber: SecretScrubber
    folds: AlertFolds = field(default_factory=AlertFolds)

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(ALERT_DISPATCHER)
        ctx.ready()
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._summarise_when_due)
            async for alert in ctx.messages(inbox):
                folded = await self.folds.admit(alert.key or f"{alert.source}:{alert.text}", alert)
                if folded is not None:
                    await self.deliver(self.scrubber.scrub(format_alert(alert, folded)))
            tasks.cancel_scope.cancel()
        for summary in await self.folds.take_all():
            await self._deliver_summary(summary)

    async def _summarise_when_due(self) -> None:
        while True:
            await anyio.sleep(SUMMARY_TICK)
            for summary in await self.folds.take_due():
                await self._deliver_summary(summary)

    async def _deliver_summary(self, summary: Summary) -> None:
        text = format_summary(summary.latest, summary.count, summary.seconds)
        await self.deliver(self.scrubber.scrub(text))

    async def deliver(self, text: str) -> None:
        if not self.superadmin_ids:
            logger.bind(actor=ALERT_DISPATCHER).warning("no SUPERADMIN_IDS; alert: {}", text)
            return
        for chat_id in self.superadmin_ids:
            try:
                await self.client.send_message(chat_id, text, parse_mode=ParseMode.DISABLED)
            except RPCError as error:
                logger.bind(actor=ALERT_DISPATCHER, chat_id=chat_id).warning(
                    "alert not delivered: {}", error.ID or type(error).__name__
                )
