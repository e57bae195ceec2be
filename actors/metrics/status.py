"""The process's status, read live: for the System screen, `/health` and `/metrics`.

One `ProcessStatus` per process (`actors.app`); the supervisor is set once it exists.
It only reads: the supervisor's stats and running children, the inboxes' depths, a
`SELECT 1`, the cache's health, the database pool, the resident memory, the Telegram
meter's recent flood waits.
"""

from __future__ import annotations

import importlib.metadata
import os
import resource
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from actors.metrics.health import actor_states
from actors.metrics.telegram_meter import TelegramMeter
from actors.supervisor import Supervisor
from bot.system_status import ActorFigures, SystemSnapshot
from runtime.alerts import AlertChannel
from runtime.cache import Cache

PACKAGE = "shopbot"


def package_version() -> str:
    """The installed package's version (pyproject's), "unknown" when not installed."""
    try:
        return importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def resident_memory() -> int | None:
    """Resident set size in bytes (Linux's /proc; the peak from getrusage elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def pool_in_use(engine: Any) -> int | None:
    """Connections of an asyncpg pool running something (those the engine keeps idle
    between statements are not); None without a pool (SQLite)."""
    pool = getattr(engine, "pool", None)
    if pool is None:
        return None
    kept = len(getattr(engine, "kept", ()))
    return int(pool.get_size()) - int(pool.get_idle_size()) - kept


@dataclass
class ProcessStatus:
    child_ids: list[str]
    database_up: Callable[[], Awaitable[bool]]
    cache: Cache
    engine: Any
    meter: TelegramMeter
    alerts: AlertChannel
    stuck_after: float = 60.0
    supervisor: Supervisor | None = None  # set once the supervisor exists
    started_at: float = field(default_factory=time.monotonic)
    version: str = field(default_factory=package_version)

    @property
    def uptime(self) -> float:
        return time.monotonic() - self.started_at

    @property
    def alerts_dropped(self) -> int:
        from_supervisor = self.supervisor.stats.alerts_dropped if self.supervisor else 0
        return self.alerts.dropped + from_supervisor

    async def cache_state(self) -> str:
        return f"{self.cache.kind}: {await self.cache.health()}"

    def actors(self) -> list[ActorFigures]:
        if self.supervisor is None:
            return []
        states = actor_states(self.supervisor, self.child_ids, self.stuck_after)
        mailboxes = self.supervisor.mailboxes
        return [
            ActorFigures(
                name,
                states[name],
                self.supervisor.stats.restarts[name],
                mailboxes.statistics(name).current_buffer_used if name in mailboxes else 0,
            )
            for name in self.child_ids
        ]

    async def snapshot(self) -> SystemSnapshot:
        return SystemSnapshot(
            uptime=self.uptime,
            version=self.version,
            actors=self.actors(),
            database_up=await self.database_up(),
            cache=await self.cache_state(),
            pool_in_use=pool_in_use(self.engine),
            memory_bytes=resident_memory(),
            flood_waits=list(self.meter.recent_floods),
            alerts_dropped=self.alerts_dropped,
        )
