"""The superadmins' alerts for the outages the process rides out: the database, Redis.

One alert when an outage starts (naming its cause) and one when it ends, never one per
failed query: the `DatabaseWatch` and the `ResilientCache` report changes of state
only. Start and end have different keys, so the dispatcher's folding of repeats never
swallows the end of an outage that began inside its window.
"""

from __future__ import annotations

from actors.messages import Alert, Severity
from runtime.cache import CacheChange
from runtime.db_watch import DatabaseChange


def database_alert(change: DatabaseChange) -> Alert:
    if change.down:
        return Alert(
            "database",
            f"Database down: {change.cause}. Shoppers are asked to try again in a minute; "
            "orders, payments and broadcasts wait and go on when it is back.",
            Severity.CRITICAL,
            key="database:down",
        )
    return Alert(
        "database",
        f"Database back after {change.lasted:.0f} s (it was down: {change.cause}).",
        Severity.INFO,
        key="database:back",
    )


def cache_alert(change: CacheChange) -> Alert:
    if change.state == "degraded":
        return Alert(
            "cache",
            f"Redis unreachable: {change.cause}. The bot goes on with its in-process cache "
            "and reconnects in the background.",
            Severity.WARNING,
            key="cache:degraded",
        )
    return Alert(
        "cache",
        "Redis is back: the cache uses it again.",
        Severity.INFO,
        key="cache:up",
    )
