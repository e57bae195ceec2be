"""Figures the metrics collector samples for /metrics: read-only counts, one query each.

Each is a `count(*)` grouped or filtered on indexed columns (`idx_users_last_active`,
`idx_orders_user_status`, `idx_broadcasts_status_created`), cheap enough to run at every
scrape.
"""

from __future__ import annotations

from datetime import timedelta

from models.broadcasts import ACTIVE, Broadcast
from models.clock import utcnow
from models.orders import Order
from models.users import User
from runtime.db_raw import fetch_rows


async def count_orders_by_status() -> dict[str, int]:
    rows = await fetch_rows(Order, "SELECT status, count(*) AS n FROM orders GROUP BY status")
    return {str(row["status"]): int(row["n"]) for row in rows}


async def count_users() -> int:
    return int(await User.count().run())


async def count_active_users(within: timedelta) -> int:
    """Users not banned whose last update came within ``within``."""
    since = utcnow() - within
    query = User.count().where(User.is_banned.eq(False), User.last_active_at >= since)
    return int(await query.run())


async def broadcast_recipients() -> dict[str, int]:
    """Recipients of running and paused broadcasts: total, sent, blocked, failed."""
    rows = (
        await Broadcast.select(Broadcast.total, Broadcast.sent, Broadcast.blocked, Broadcast.failed)
        .where(Broadcast.status.is_in(list(ACTIVE)))
        .run()
    )
    figures = {"total": 0, "sent": 0, "blocked": 0, "failed": 0}
    for row in rows:
        for name in figures:
            figures[name] += int(row[name] or 0)
    return figures
