"""The process's own Prometheus series, counted where things happen, outside handlers.

One `ShopSeries` is made per process (`actors.app.build_supervisor`), so counts outlive
the metrics collector's restarts. Its metrics belong to no registry (never the global
`REGISTRY`): the collector registers `ShopSeries` itself, as a `Collector`, in the
registry of each of its runs. Gauges read from the database (orders by status, users,
broadcast progress, the pool) are set by `actors.metrics.samples` just before a scrape.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import Counter, Gauge, Histogram
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

#: Handler latency buckets, seconds: a handler is a few database round trips and a send.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ShopSeries(Collector):
    def __init__(self) -> None:
        self.updates = Counter(
            "shopbot_updates_handled", "Updates handled, by kind", ["kind"], registry=None
        )
        self.handler_seconds = Histogram(
            "shopbot_handler_seconds",
            "Time to handle one update, by kind",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=None,
        )
        self.telegram_requests = Counter(
            "shopbot_telegram_requests",
            "Requests to Telegram, by method",
            ["method"],
            registry=None,
        )
        self.telegram_errors = Counter(
            "shopbot_telegram_errors",
            "Requests to Telegram that failed, by method and error",
            ["method", "error"],
            registry=None,
        )
        self.flood_waits = Counter(
            "shopbot_flood_waits", "FloodWait answers from Telegram", registry=None
        )
        self.flood_wait_seconds = Counter(
            "shopbot_flood_wait_seconds", "Seconds Telegram asked to wait, summed", registry=None
        )
        self.orders = Gauge("shopbot_orders", "Orders, by status", ["status"], registry=None)
        self.users = Gauge("shopbot_users_total", "Users known to the bot", registry=None)
        self.users_active = Gauge(
            "shopbot_users_active",
            "Users active within the window (not banned)",
            ["window"],
            registry=None,
        )
        self.broadcast_recipients = Gauge(
            "shopbot_broadcast_recipients",
            "Recipients of unfinished broadcasts, by delivery state",
            ["state"],
            registry=None,
        )
        self.db_pool_in_use = Gauge(
            "shopbot_db_pool_in_use", "Database connections checked out of the pool", registry=None
        )
        self.alerts_dropped = Gauge(
            "shopbot_alerts_dropped",
            "Alerts dropped because the alerts inbox was full",
            registry=None,
        )
        self.uptime = Gauge(
            "shopbot_uptime_seconds", "Seconds since the process started", registry=None
        )

    def collect(self) -> Iterator[Metric]:
        for metric in (
            self.updates,
            self.handler_seconds,
            self.telegram_requests,
            self.telegram_errors,
            self.flood_waits,
            self.flood_wait_seconds,
            self.orders,
            self.users,
            self.users_active,
            self.broadcast_recipients,
            self.db_pool_in_use,
            self.alerts_dropped,
            self.uptime,
        ):
            yield from metric.collect()
