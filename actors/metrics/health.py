"""What `/health` and `/metrics` answer, from live state read at request time.

`/health` is 503 when the database does not answer, an actor is not running, an
actor is stuck (messages wait in its inbox and it has taken none for
`stuck_after` seconds), the update stream is overloaded (updates are left with
Telegram for lack of room: read live, so it shows at once), or an actor is in a crash
loop (it keeps ending soon after its start: `Supervisor.is_crash_looping`); with nothing
worse than a crash loop the status says "degraded".
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from prometheus_client import CollectorRegistry, make_asgi_app
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.routing import Mount, Router

from actors.supervisor import Supervisor
from actors.updates.gate import UpdateLoad
from runtime.http_server import ASGIApp, HttpMount


@dataclass(frozen=True)
class HealthReport:
    database_up: bool
    actors: Mapping[str, str]  # id -> "running" | "down" | "stuck" | "crash_loop"
    cache: str = "memory: up"  # informative: statistics fall back to the database
    updates: str = "ok"  # "ok" | "catching up" | "overloaded"
    redis: str = "not configured"  # "up" | "down" | "degraded (...)" | "not configured"
    uptime: float = 0.0  # seconds since the process started
    version: str = "unknown"  # the package version (pyproject)

    @property
    def healthy(self) -> bool:
        return (
            self.database_up
            and all(state == "running" for state in self.actors.values())
            and self.updates != "overloaded"
        )

    @property
    def status(self) -> str:
        """One of "ok", "degraded" (up, but an actor keeps restarting), "unhealthy"."""
        if self.healthy:
            return "ok"
        limping = {"running", "crash_loop"}
        limping_only = all(state in limping for state in self.actors.values())
        if self.database_up and self.updates != "overloaded" and limping_only:
            return "degraded"
        return "unhealthy"

    def as_json(self) -> bytes:
        body = {
            "status": self.status,
            "role": "active",
            "database": "up" if self.database_up else "down",
            "actors": dict(self.actors),
            "cache": self.cache,
            "updates": self.updates,
            "redis": self.redis,
            "uptime_seconds": round(self.uptime, 1),
            "version": self.version,
        }
        return json.dumps(body).encode()


def update_state(load: UpdateLoad) -> str:
    if load.overloaded:
        return "overloaded"
    return "catching up" if load.behind else "ok"


def actor_states(
    supervisor: Supervisor, child_ids: list[str], stuck_after: float
) -> dict[str, str]:
    running = set(supervisor.running_children())
    states = {}
    for child_id in child_ids:
        if supervisor.is_crash_looping(child_id):
            states[child_id] = "crash_loop"
        elif child_id not in running:
            states[child_id] = "down"
        elif supervisor.is_stuck(child_id, stuck_after):
            states[child_id] = "stuck"
        else:
            states[child_id] = "running"
    return states


class SupervisorCollector(Collector):
    """Prometheus metrics read from the supervisor and the event counts at scrape time."""

    def __init__(
        self,
        supervisor: Supervisor,
        child_ids: list[str],
        counts: Mapping[str, int],
        updates: Callable[[], UpdateLoad] | None = None,
    ):
        self._supervisor = supervisor
        self._child_ids = child_ids
        self._counts = counts
        self._updates = updates

    def collect(self) -> Iterator[Metric]:
        stats = self._supervisor.stats
        running = set(self._supervisor.running_children())
        up = GaugeMetricFamily("shopbot_actor_up", "1 while the actor runs", labels=["actor"])
        crashes = CounterMetricFamily(
            "shopbot_actor_crashes", "Crashes of each actor", labels=["actor"]
        )
        restarts = CounterMetricFamily(
            "shopbot_actor_restarts", "Restarts of each actor", labels=["actor"]
        )
        depth = GaugeMetricFamily(
            "shopbot_mailbox_depth", "Messages waiting in each inbox", labels=["mailbox"]
        )
        mailboxes = self._supervisor.mailboxes
        for child_id in self._child_ids:
            up.add_metric([child_id], 1.0 if child_id in running else 0.0)
            crashes.add_metric([child_id], stats.crashes[child_id])
            restarts.add_metric([child_id], stats.restarts[child_id])
        for name in mailboxes.names():
            depth.add_metric([name], mailboxes.statistics(name).current_buffer_used)
        events = CounterMetricFamily("shopbot_events", "Events reported by actors", labels=["name"])
        for name, amount in sorted(self._counts.items()):
            events.add_metric([name], amount)
        gave_up = GaugeMetricFamily(
            "shopbot_supervisor_gave_up", "1 once the supervisor has given up"
        )
        gave_up.add_metric([], 1.0 if stats.gave_up else 0.0)
        yield from (up, crashes, restarts, depth, events, gave_up)
        if self._updates is not None:
            yield from update_metrics(self._updates())


def update_metrics(load: UpdateLoad) -> Iterator[Metric]:
    waiting = GaugeMetricFamily(
        "shopbot_updates_in_memory", "Updates taken from Telegram and not handled yet"
    )
    waiting.add_metric([], load.waiting)
    capacity = GaugeMetricFamily(
        "shopbot_updates_capacity", "Most updates the bot keeps in memory at once"
    )
    capacity.add_metric([], load.capacity)
    overloaded = GaugeMetricFamily(
        "shopbot_updates_overloaded", "1 while updates are left with Telegram for lack of room"
    )
    overloaded.add_metric([], 1.0 if load.overloaded else 0.0)
    behind = GaugeMetricFamily(
        "shopbot_updates_behind", "1 while missed updates are fetched with getDifference"
    )
    behind.add_metric([], 1.0 if load.behind else 0.0)
    yield from (waiting, capacity, overloaded, behind)


def health_app(
    health: Callable[[], Awaitable[HealthReport]],
    registry: CollectorRegistry,
    *,
    before_scrape: Callable[[], Awaitable[None]] | None = None,
    mounts: Sequence[HttpMount] = (),
) -> ASGIApp:
    """`/health` and `/metrics`; any other path goes to the `mounts` (the web admin, the
    sandbox's web chat), or is a JSON 404 when none takes it."""
    metrics = make_asgi_app(registry)
    mounted = Router(routes=[Mount(m.path, app=m.app) for m in mounts]) if mounts else None

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket"):
            return
        ours = scope["type"] == "http" and scope["path"] in ("/health", "/metrics")
        if mounted is not None and not ours:
            await mounted(scope, receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["path"] == "/metrics":
            if before_scrape is not None:
                await before_scrape()
            await metrics(scope, receive, send)
            return
        if scope["path"] == "/health":
            report = await health()
            await respond(send, 200 if report.healthy else 503, report.as_json())
            return
        await respond(send, 404, b'{"error": "not found"}')

    return app


async def respond(send: Any, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
