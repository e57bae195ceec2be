"""Alerts for the superadmins: the message, and the one call any code uses to raise one.

`Alert` and `Severity` live here, at the bottom of the dependency chain, so that
`bot/`, `models/` helpers and `runtime/` watchers can raise alerts too; `actors.messages`
re-exports them. An `AlertChannel` is made once per process (`actors.app`) around the
alert dispatcher's inbox and handed to whoever raises alerts (handlers get it in
`BotDeps.alerts`). Sending only enqueues: it never blocks and never raises; a full or
closed inbox drops the alert and counts it (`dropped`, shown on /metrics and the System
screen). Nothing here logs on the quiet path, so a loguru sink may raise alerts.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anyio import BrokenResourceError, ClosedResourceError, WouldBlock
from loguru import logger


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Alert:
    """Something a superadmin should hear about, for the alert dispatcher.

    ``text`` says the cause; ``source`` who raised it; ``raised_at`` when (wall clock,
    not compared). ``key`` is the de-duplication key (e.g. ``"crash:order_processor"``):
    alerts with the same key close together are one incident.
    """

    source: str
    text: str
    severity: Severity = Severity.CRITICAL
    key: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    raised_at: float = field(default_factory=time.time, compare=False)


class AlertInbox(Protocol):
    def send_nowait(self, item: Any, /) -> None: ...


class AlertChannel:
    """The enqueue-only way to raise an alert (see the module docstring)."""

    def __init__(self, inbox: AlertInbox | None) -> None:
        self._inbox = inbox
        self.dropped = 0

    def send(self, alert: Alert, *, quiet: bool = False) -> bool:
        """Queue ``alert``; False when it was dropped (inbox full or closed), counted and,
        unless ``quiet`` (a caller inside logging), logged as a warning."""
        try:
            if self._inbox is None:
                raise ClosedResourceError
            self._inbox.send_nowait(alert)
        except (WouldBlock, ClosedResourceError, BrokenResourceError):
            self.dropped += 1
            if not quiet:
                logger.warning("alert {} dropped (alerts inbox full): {}", alert.key, alert.text)
            return False
        return True

    def send_critical_alert(
        self,
        message: str,
        details: Mapping[str, object] | None = None,
        *,
        source: str = "app",
        key: str = "",
        severity: Severity = Severity.CRITICAL,
    ) -> bool:
        """Raise an alert from any code: ``message`` says what happened; repeats with the
        same ``key`` (by default source and message) fold into one incident."""
        alert = Alert(
            source,
            message,
            severity,
            key=key or f"{source}:{message}",
            details={name: str(value) for name, value in (details or {}).items()},
        )
        return self.send(alert)


class Condition:
    """A condition that alerts once when it starts and sends one recovery message when
    it clears (disk nearly full, a burst of errors...): never one alert per check."""

    def __init__(self, channel: AlertChannel, key: str) -> None:
        self._channel = channel
        self.key = key
        self.active = False

    def hold(self, alert: Alert, *, quiet: bool = False) -> None:
        """The condition holds now; ``alert`` goes out if it did not hold before."""
        if not self.active:
            self.active = True
            self._channel.send(_keyed(alert, f"{self.key}:on"), quiet=quiet)

    def clear(self, recovery: Alert, *, quiet: bool = False) -> None:
        """The condition no longer holds; ``recovery`` goes out if it held before."""
        if self.active:
            self.active = False
            self._channel.send(_keyed(recovery, f"{self.key}:off"), quiet=quiet)


def _keyed(alert: Alert, key: str) -> Alert:
    return Alert(alert.source, alert.text, alert.severity, key, alert.details, alert.raised_at)
