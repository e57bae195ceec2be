"""alert_dispatcher: every `Alert` reaches every superadmin in Telegram, once per incident.

An incident is an alert key: the same key again inside `repeat_window` seconds is
counted, not sent, and the next message that does go out says how many were folded
into it. A superadmin who cannot be reached (blocked the bot, flood wait) is logged
and skipped; the dispatcher itself never crashes on a send.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import anyio
from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors.rpc_error import RPCError

from actors.actor_context import ActorContext
from actors.messages import Alert, Severity
from actors.names import ALERT_DISPATCHER
from runtime.scrubbing import SecretScrubber

SEVERITY_MARK = {Severity.INFO: "ℹ️", Severity.WARNING: "⚠️", Severity.CRITICAL: "🚨"}


@dataclass
class AlertThrottle:
    """Folds repeats of one alert key inside a time window into the next message sent."""

    repeat_window: float
    clock: Callable[[], float] = anyio.current_time
    _last_sent: dict[str, float] = field(default_factory=dict)
    _folded: dict[str, int] = field(default_factory=dict)

    def admit(self, key: str) -> int | None:
        """None when the alert is a repeat to hold back; else how many repeats it carries."""
        now = self.clock()
        last = self._last_sent.get(key)
        if last is not None and now - last < self.repeat_window:
            self._folded[key] = self._folded.get(key, 0) + 1
            return None
        self._last_sent[key] = now
        return self._folded.pop(key, 0)


def format_alert(alert: Alert, folded: int) -> str:
    lines = [f"{SEVERITY_MARK[alert.severity]} {alert.severity.value.upper()} · {alert.source}"]
    lines.append(alert.text)
    lines.extend(f"{name}: {value}" for name, value in alert.details.items())
    if folded:
        lines.append(f"(+{folded} similar in the last minutes)")
    return "\n".join(lines)


@dataclass
class AlertDispatcher:
    client: Client
    superadmin_ids: Sequence[int]
    scrubber: SecretScrubber
    repeat_window: float = 60.0

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(ALERT_DISPATCHER)
        throttle = AlertThrottle(self.repeat_window)
        ctx.ready()
        async for alert in ctx.messages(inbox):
            folded = throttle.admit(alert.key or f"{alert.source}:{alert.text}")
            if folded is not None:
                await self.deliver(self.scrubber.scrub(format_alert(alert, folded)))

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
