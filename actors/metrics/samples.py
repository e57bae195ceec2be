"""Sets the database-read gauges of `ShopSeries` just before a scrape of /metrics.

Reading at scrape time keeps the figures fresh without a sampling loop. The reads are
bounded (`SAMPLE_TIMEOUT`); when the database does not answer, the gauges keep their
last values and the scrape still answers (the database's state is on /health).
"""

from __future__ import annotations

from datetime import timedelta

import anyio
from loguru import logger

from actors.metrics.series import ShopSeries
from actors.metrics.status import ProcessStatus, pool_in_use
from actors.names import METRICS_COLLECTOR
from models.gauges import (
    broadcast_recipients,
    count_active_users,
    count_orders_by_status,
    count_users,
)
from models.order_statuses import STATUSES as ORDER_STATUSES

SAMPLE_TIMEOUT = 2.0
ACTIVE_WINDOWS = {"1d": timedelta(days=1), "7d": timedelta(days=7), "30d": timedelta(days=30)}


async def sample(series: ShopSeries, status: ProcessStatus) -> None:
    series.uptime.set(status.uptime)
    series.alerts_dropped.set(status.alerts_dropped)
    in_use = pool_in_use(status.engine)
    series.db_pool_in_use.set(in_use or 0)
    with anyio.move_on_after(SAMPLE_TIMEOUT):
        try:
            await _sample_database(series)
        except Exception as error:  # noqa: BLE001 - a scrape answers with the last figures
            logger.bind(actor=METRICS_COLLECTOR).debug("metrics not sampled: {}", error)


async def _sample_database(series: ShopSeries) -> None:
    orders = await count_orders_by_status()
    for status in (*ORDER_STATUSES, *orders):
        series.orders.labels(status).set(orders.get(status, 0))
    series.users.set(await count_users())
    for label, window in ACTIVE_WINDOWS.items():
        series.users_active.labels(label).set(await count_active_users(window))
    for state, amount in (await broadcast_recipients()).items():
        series.broadcast_recipients.labels(state).set(amount)
