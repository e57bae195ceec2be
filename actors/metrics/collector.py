"""metrics_collector: counts what the actors report and serves `/health` and `/metrics`.

Health and metrics are read from live state at request time (the supervisor's
stats, running children, inbox depths; a `SELECT 1`), so there is no sampling loop
to fall behind. If the HTTP port cannot be bound, the shop keeps running: the
problem is logged and raised as an alert, and the counting goes on. It also runs the
watchers of the outages the process rides out (`background`): the `DatabaseWatch` that
tells when a database outage starts and ends, the Redis cache's reconnection. Every
`check_every` seconds it checks the log directory's disk (`DiskWatch`) and lets the
error-burst watch send its recovery message; the ERROR-counting loguru sink is added
while it runs. Before each scrape of /metrics the database-read gauges are sampled
(`actors.metrics.samples`).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field

import anyio
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from prometheus_client import CollectorRegistry

from actors.actor_context import ActorContext
from actors.alerts.error_burst import ErrorBurstWatch
from actors.messages import Alert, MetricEvent
from actors.metrics.disk_watch import DiskWatch
from actors.metrics.health import (
    HealthReport,
    SupervisorCollector,
    actor_states,
    health_app,
    update_state,
)
from actors.metrics.samples import sample
from actors.metrics.series import ShopSeries
from actors.metrics.status import ProcessStatus
from actors.metrics.telegram_meter import SessionFloodWaits
from actors.names import ALERT_DISPATCHER, METRICS_COLLECTOR
from actors.supervisor import Supervisor
from actors.updates.gate import UpdateLoad
from runtime.cache import Cache
from runtime.http_server import HttpMount, bind, serve_http
from runtime.standby_http import lease_gauge

DatabaseProbe = Callable[[], Awaitable[bool]]


@dataclass
class MetricsCollector:
    host: str
    port: int
    database_up: DatabaseProbe
    cache: Cache
    child_ids: list[str]
    stuck_after: float = 60.0
    supervisor: Supervisor | None = None  # set once the supervisor exists
    updates: Callable[[], UpdateLoad] | None = None  # the update stream's load
    bound_port: int | None = None
    counts: Counter[str] = field(default_factory=Counter)
    #: Run here for the life of the process (restarted with this actor), cancelled at stop.
    background: Sequence[Callable[[], Awaitable[None]]] = ()
    status: ProcessStatus | None = None
    series: ShopSeries | None = None
    disk: DiskWatch | None = None
    errors: ErrorBurstWatch | None = None
    #: Counts the FloodWaits Kurigram sleeps off itself (installed while this runs).
    session_waits: SessionFloodWaits | None = None
    check_every: float = 60.0
    #: Apps served beside /health and /metrics (the web admin, the sandbox's web chat).
    mounts: Sequence[HttpMount] = ()

    async def run(self, ctx: ActorContext) -> None:
        if self.supervisor is None:
            raise RuntimeError("MetricsCollector.supervisor must be set before it starts")
        inbox = ctx.inbox(METRICS_COLLECTOR)
        alerts = ctx.outbox(ALERT_DISPATCHER)
        registry = CollectorRegistry()
        registry.register(
            SupervisorCollector(self.supervisor, self.child_ids, self.counts, self.updates)
        )
        if self.series is not None:
            registry.register(self.series)
        lease_gauge(registry, active=True)
        app = health_app(self.health, registry, before_scrape=self._sample, mounts=self.mounts)
        stop_http = anyio.Event()
        watching = [anyio.CancelScope() for _ in self.background]
        with self._log_watches():
            async with anyio.create_task_group() as tasks:
                self._start_http(tasks, app, stop_http, alerts)
                for job, scope in zip(self.background, watching, strict=True):
                    tasks.start_soon(self._watch, job, scope)
                checks = anyio.CancelScope()
                tasks.start_soon(self._watch, self._check_periodically, checks)
                ctx.ready()
                async for event in ctx.messages(inbox):
                    if isinstance(event, MetricEvent):
                        self.counts[event.name] += event.amount
                    else:
                        logger.bind(actor=METRICS_COLLECTOR).warning(
                            "unexpected message {}", type(event).__name__
                        )
                stop_http.set()
                checks.cancel()
                for scope in watching:
                    scope.cancel()

    @contextlib.contextmanager
    def _log_watches(self) -> Iterator[None]:
        """The ERROR-burst sink and the counter of Kurigram's logged FloodWaits, while
        this runs, crash or not: both sit on process-wide loggers, so a restart must not
        find the previous run's still there."""
        watches = [w for w in (self.errors, self.session_waits) if w is not None]
        for watch in watches:
            watch.install()
        try:
            yield
        finally:
            for watch in reversed(watches):
                watch.remove()

    async def _check_periodically(self) -> None:
        """The disk check and the error-burst recovery, now and every `check_every` s."""
        while True:
            if self.disk is not None:
                self.disk.check()  # one statvfs: quick, and alerts are queued here
            if self.errors is not None:
                self.errors.tick()
            await anyio.sleep(self.check_every)

    async def _sample(self) -> None:
        if self.series is not None and self.status is not None:
            await sample(self.series, self.status)

    async def _watch(self, job: Callable[[], Awaitable[None]], scope: anyio.CancelScope) -> None:
        with scope:
            await job()

    def _start_http(
        self,
        tasks: anyio.abc.TaskGroup,
        app: object,
        stop: anyio.Event,
        alerts: MemoryObjectSendStream[Alert],
    ) -> None:
        try:
            sock = bind(self.host, self.port)
        except OSError as error:
            text = f"/health and /metrics are off: cannot listen on {self.host}:{self.port}"
            logger.bind(actor=METRICS_COLLECTOR).error("{}: {}", text, error)
            with contextlib.suppress(anyio.WouldBlock):
                alerts.send_nowait(
                    Alert(METRICS_COLLECTOR, f"{text} ({error.strerror})", key="metrics:http")
                )
            return
        self.bound_port = sock.getsockname()[1]
        logger.bind(actor=METRICS_COLLECTOR).info(
            "serving /health and /metrics on {}:{}", self.host, self.bound_port
        )
        tasks.start_soon(serve_http, app, sock, stop)

    async def health(self) -> HealthReport:
        assert self.supervisor is not None
        return HealthReport(
            database_up=await self.database_up(),
            actors=actor_states(self.supervisor, self.child_ids, self.stuck_after),
            cache=f"{self.cache.kind}: {await self.cache.health()}",
            updates=update_state(self.updates()) if self.updates is not None else "ok",
            redis=await self.cache.health() if self.cache.kind == "redis" else "not configured",
            uptime=self.status.uptime if self.status is not None else 0.0,
            version=self.status.version if self.status is not None else "unknown",
        )
