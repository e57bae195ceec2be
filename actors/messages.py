"""Messages the actors send each other: plain frozen dataclasses, no behaviour."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Severity(enum.Enum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


@dataclass(frozen=True)
class Alert:
    """Something a superadmin should hear about, for the alert dispatcher.

    ``key`` is the de-duplication key (e.g. ``"crash:order_processor"``): alerts with the
    same key close together are one incident.
    """

    source: str
    text: str
    severity: Severity = Severity.CRITICAL
    key: str = ""
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MetricEvent:
    """A counter increment for the metrics collector (e.g. ``updates_handled``)."""

    name: str
    amount: int = 1


@dataclass(frozen=True)
class StartBroadcast:
    """A broadcast was confirmed (its row says `running`): send it."""

    broadcast_id: int


@dataclass(frozen=True)
class PauseBroadcast:
    broadcast_id: int
    by: int  # the superadmin who asked (Telegram id)


@dataclass(frozen=True)
class ResumeBroadcast:
    broadcast_id: int
    by: int


@dataclass(frozen=True)
class CancelBroadcast:
    broadcast_id: int
    by: int
