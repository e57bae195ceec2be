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


# -- orders (order_processor) -----------------------------------------------------------


@dataclass(frozen=True)
class PlaceOrder:
    """Place the order of the shopper's checkout `checkout_key` (persisted with step
    `placing` before this is sent, so a lost message is picked up at the next start)."""

    telegram_id: int
    checkout_key: str


@dataclass(frozen=True)
class SetOrderStatus:
    """An admin pressed a status button on an order card (`chat_id`, `message_id`)."""

    order_id: int
    status: str
    admin_id: int
    chat_id: int
    message_id: int


@dataclass(frozen=True)
class PaymentReceived:
    """Telegram reported a successful payment of an order's invoice."""

    telegram_id: int
    order_id: int
    charge_id: str
    total_amount: int
    currency: str


@dataclass(frozen=True)
class ReleaseUnpaidOrders:
    """Cancel the online orders whose payment time ran out (sent by the processor's timer)."""


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
