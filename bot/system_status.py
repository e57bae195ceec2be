"""What the System screen shows, as the handlers see it: a read-only status source.

`bot/` knows nothing of the supervisor: the actors side implements `SystemStatus`
(`actors.metrics.status.ProcessStatus`) and hands it to handlers in `BotDeps.status`.
A snapshot is plain data, read at the moment it is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ActorFigures:
    name: str
    state: str  # "running" | "down" | "stuck" | "crash_loop"
    restarts: int
    inbox: int  # messages waiting in its inbox


@dataclass(frozen=True)
class FloodWaitSeen:
    at: float  # wall clock
    method: str
    seconds: int


@dataclass(frozen=True)
class SystemSnapshot:
    uptime: float  # seconds
    version: str
    actors: Sequence[ActorFigures]
    database_up: bool
    cache: str  # e.g. "redis: up", "memory: up"
    pool_in_use: int | None  # None without a pool (SQLite)
    memory_bytes: int | None  # resident set size; None where unknown
    flood_waits: Sequence[FloodWaitSeen]
    alerts_dropped: int


class SystemStatus(Protocol):
    async def snapshot(self) -> SystemSnapshot: ...
