"""Messages the actors send each other: plain frozen dataclasses, no behaviour.

The commands handlers send to actors are defined in `bot/commands.py` (handlers make
them; dependencies point `actors -> bot`) and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import (  # re-exported: what handlers ask of the actors
    AdjustStock,
    CancelBroadcast,
    ImportCatalogue,
    ImportFailed,
    PauseBroadcast,
    PaymentReceived,
    PlaceOrder,
    ResumeBroadcast,
    SetOrderStatus,
    StartBroadcast,
)
from runtime.alerts import Alert, Severity  # re-exported: alerts are raised from any layer


@dataclass(frozen=True)
class MetricEvent:
    """A counter increment for the metrics collector (e.g. ``updates_handled``)."""

    name: str
    amount: int = 1


# -- internal to the order processor ----------------------------------------------------


@dataclass(frozen=True)
class ReleaseUnpaidOrders:
    """Cancel the online orders whose payment time ran out (sent by the processor's timer)."""


@dataclass(frozen=True)
class PlaceWaitingOrders:
    """Place every checkout stored as `placing` (sent by the processor's scan timer)."""


# -- from the order processor to the broadcast sender ------------------------------------


@dataclass(frozen=True)
class SendStockNotices:
    """Back-in-stock waits were marked due in the database: send them (the broadcast
    sender finds them there; this only wakes it)."""


__all__ = [
    "AdjustStock",
    "Alert",
    "CancelBroadcast",
    "ImportCatalogue",
    "ImportFailed",
    "MetricEvent",
    "PauseBroadcast",
    "PaymentReceived",
    "PlaceOrder",
    "PlaceWaitingOrders",
    "ReleaseUnpaidOrders",
    "ResumeBroadcast",
    "SendStockNotices",
    "SetOrderStatus",
    "Severity",
    "StartBroadcast",
]
