"""The System screen's text, from a `SystemSnapshot` (pure: no I/O)."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.system_status import SystemSnapshot

Translate = Callable[..., str]


def duration(seconds: float) -> str:
    """``2d 3h 4m``, ``3h 4m``, ``4m 5s``."""
    whole = int(seconds)
    days, rest = divmod(whole, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h {minutes}m"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {secs}s"


def megabytes(amount: int | None) -> str:
    return "?" if amount is None else f"{amount / 2**20:.0f} MB"


def system_text(t: Translate, snapshot: SystemSnapshot) -> str:
    lines = [
        t("system.title"),
        t("system.uptime", uptime=duration(snapshot.uptime), version=snapshot.version),
        t("system.actors"),
    ]
    lines.extend(
        t(
            "system.actor",
            name=actor.name,
            state=actor.state,
            restarts=actor.restarts,
            inbox=actor.inbox,
        )
        for actor in snapshot.actors
    )
    lines.append(t("system.database_up" if snapshot.database_up else "system.database_down"))
    lines.append(t("system.cache", cache=snapshot.cache))
    pool = "—" if snapshot.pool_in_use is None else str(snapshot.pool_in_use)
    lines.append(t("system.pool", pool=pool))
    lines.append(t("system.memory", memory=megabytes(snapshot.memory_bytes)))
    lines.append(t("system.alerts_dropped", dropped=snapshot.alerts_dropped))
    if snapshot.flood_waits:
        lines.append(t("system.floods"))
        now = time.time()
        lines.extend(
            t(
                "system.flood",
                ago=duration(now - flood.at),
                method=flood.method,
                seconds=flood.seconds,
            )
            for flood in reversed(snapshot.flood_waits)
        )
    else:
        lines.append(t("system.no_floods"))
    return "\n".join(lines)
