"""An anyio supervisor with Erlang/OTP semantics (see DESIGN.md, "Supervision").

Children are declared as data (:class:`ChildSpec`), start in list order (each one waits
for the previous one's ``ctx.ready()``) and stop in reverse order. A child that ends is
restarted according to its :class:`Restart` type and the :class:`Strategy`. Two limits
escalate (see :class:`SupervisorFlags`): every restart counts against one sliding-window
limit (``intensity`` restarts per ``period`` seconds, as in Erlang/OTP), and a child that
keeps ending soon after its start (more than ``max_short_runs`` runs in a row shorter
than ``min_uptime``) is a slow crash loop the window misses once the backoff spaces the
restarts out. Past either limit the supervisor stops everything and raises
:class:`SupervisorGaveUp` (``main.py`` exits 1; the level above restarts the process).

Mechanics:

- Each run of a child is one task in the supervisor's task group, inside its own
  *shielded* cancel scope. A crash of one child never touches the others, and a
  cancellation of ``run()`` itself does not kill the children abruptly: ``run()`` stops
  them gracefully, in reverse order, from a shielded ``finally``.
- A child's end is reported to the supervising loop through an internal stream, so the
  loop handles exits one at a time, in the order they happened.
- Graceful shutdown: :meth:`Supervisor.request_shutdown` (sync) cancels the supervising
  loop (including a backoff sleep or a wait for ``ready()``); ``run()`` then stops the
  children and returns normally. :meth:`Supervisor.shutdown` also waits for that.
"""

from __future__ import annotations

import math
import random
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import anyio
from anyio.abc import TaskGroup, TaskStatus
from anyio.lowlevel import checkpoint
from loguru import logger

from actors.actor_context import ActorContext
from actors.alerts.root_cause import root_cause
from actors.mailboxes import Mailboxes, MailboxSpec
from actors.messages import Alert, Severity
from actors.supervision import (
    ActorStart,
    Backoff,
    ChildSpec,
    ChildStartError,
    Restart,
    Strategy,
    SupervisorFlags,
    SupervisorGaveUp,
    SupervisorStats,
)

__all__ = [
    "ActorContext",
    "ActorStart",
    "Backoff",
    "ChildSpec",
    "ChildStartError",
    "MailboxSpec",
    "Mailboxes",
    "Restart",
    "Strategy",
    "Supervisor",
    "SupervisorFlags",
    "SupervisorGaveUp",
    "SupervisorStats",
]

_SOURCE = "supervisor"


@dataclass(eq=False)
class _Run:
    """One start of one child, from spawn to end."""

    spec: ChildSpec
    ctx: ActorContext
    # Shielded: only the supervisor (through this scope) may cancel a child.
    scope: anyio.CancelScope = field(default_factory=lambda: anyio.CancelScope(shield=True))
    finished: anyio.Event = field(default_factory=anyio.Event)
    error: Exception | None = None
    started_at: float = 0.0  # on the supervisor's clock


class Supervisor:
    """Runs and restarts children; see the module docstring for the semantics.

    ``run()`` can be called once. Outside producers (tests, ``main``) get stream ends
    from :attr:`mailboxes`.
    """

    def __init__(
        self,
        children: Sequence[ChildSpec],
        flags: SupervisorFlags,
        mailboxes: Sequence[MailboxSpec] | Mailboxes,
        *,
        alerts_mailbox: str | None = None,
        rng: random.Random | None = None,
        clock: Callable[[], float] = anyio.current_time,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        ids = [spec.id for spec in children]
        if len(set(ids)) != len(ids):
            raise ValueError(f"child ids must be unique: {ids}")
        self._flags = flags
        # Mailboxes made beforehand let the wiring hand out senders before the supervisor
        # exists (the alert channel); the supervisor owns and closes them either way.
        self._mailboxes = mailboxes if isinstance(mailboxes, Mailboxes) else Mailboxes(mailboxes)
        if alerts_mailbox is not None and alerts_mailbox not in self._mailboxes:
            raise ValueError(f"alerts mailbox {alerts_mailbox!r} is not declared")
        self._alerts_mailbox = alerts_mailbox
        self._rng = rng if rng is not None else random.Random()
        # The restart windows' time and the backoff's sleep (tests simulate time).
        self._clock = clock
        self._sleep = sleep
        self.stats = SupervisorStats()
        # Children still in the supervisor's list (TEMPORARY ones leave it when they
        # end, TRANSIENT ones when they return normally), in declaration order.
        self._children: list[ChildSpec] = list(children)
        self._running: dict[str, _Run] = {}
        self._starts: Counter[str] = Counter()
        self._restart_times: deque[float] = deque()
        self._child_restart_times: dict[str, deque[float]] = {}
        # Runs in a row of each child that ended before ``min_uptime`` (0 after one
        # that stayed up that long).
        self._short_runs: Counter[str] = Counter()
        self._exits_send, self._exits_receive = anyio.create_memory_object_stream[_Run](math.inf)
        self._task_group: TaskGroup | None = None
        self._work_scope: anyio.CancelScope | None = None
        self._run_called = False
        self._shutdown_requested = False
        self._done = anyio.Event()

    @property
    def mailboxes(self) -> Mailboxes:
        return self._mailboxes

    def running_children(self) -> list[str]:
        """Ids of the children running now, in declaration order."""
        return [spec.id for spec in self._children if spec.id in self._running]

    def is_stuck(self, child_id: str, after: float) -> bool:
        """True when the running child has messages waiting and took none for ``after`` s."""
        run = self._running.get(child_id)
        return run is not None and run.ctx.is_stuck(after)

    def is_crash_looping(self, child_id: str) -> bool:
        """True while a child restarts repeatedly: its last two runs or more ended before
        ``min_uptime``, and it is not now in a run that has stayed up that long."""
        if self._short_runs[child_id] < 2:
            return False
        run = self._running.get(child_id)
        return run is None or self._clock() - run.started_at < self._flags.min_uptime

    def request_shutdown(self) -> None:
        """Ask for a graceful stop; ``run()`` stops the children and returns normally.

        Callable from any task of the event loop, including from inside an actor.
        """
        self._shutdown_requested = True
        if self._work_scope is not None:
            self._work_scope.cancel()

    async def shutdown(self) -> None:
        """Request a graceful stop and wait until ``run()`` has stopped every child.

        Do not await this from inside a child (it would wait for itself); use
        :meth:`request_shutdown` there.
        """
        self.request_shutdown()
        if self._run_called:
            await self._done.wait()

    async def run(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Start the children, report started once all are ready, then supervise.

        Returns after a graceful shutdown; raises :class:`SupervisorGaveUp` when a
        restart limit is passed (intensity, or a child's short runs in a row). Either
        way, and also when this task is cancelled, every running child is stopped
        (reverse order) before it ends. If a
        shutdown is requested before all children are ready, ``task_status.started()``
        is never called.
        """
        if self._run_called:
            raise RuntimeError("Supervisor.run() can only be called once")
        self._run_called = True
        gave_up: SupervisorGaveUp | None = None
        try:
            async with anyio.create_task_group() as tg:
                self._task_group = tg
                self._work_scope = anyio.CancelScope()
                if self._shutdown_requested:
                    self._work_scope.cancel()
                try:
                    with self._work_scope:
                        await self._start_in_order(list(self._children))
                        logger.info("Supervisor: all {} children ready", len(self._running))
                        task_status.started()
                        await self._supervise()
                except SupervisorGaveUp as exc:
                    # Raised outside the task group, or it would come out wrapped in
                    # an ExceptionGroup.
                    gave_up = exc
                finally:
                    with anyio.CancelScope(shield=True):
                        await self._stop_all()
        finally:
            self._exits_send.close()
            self._exits_receive.close()
            self._mailboxes.close()
            self._done.set()
        if gave_up is not None:
            raise gave_up

    # -- supervising -----------------------------------------------------------------

    async def _supervise(self) -> None:
        """Handle child ends, one at a time, until cancelled by a shutdown request."""
        while True:
            run = await self._exits_receive.receive()
            if self._running.get(run.spec.id) is not run:
                continue  # a run the supervisor itself stopped or already handled
            del self._running[run.spec.id]
            await self._start_in_order(await self._handle_end(run))

    async def _start_in_order(self, specs: list[ChildSpec]) -> None:
        """Start ``specs`` one after the other; a failed start is handled as a crash."""
        pending = deque(specs)
        while pending:
            await checkpoint()  # a shutdown request stops the start sequence here
            spec = pending.popleft()
            if spec not in self._children:
                continue  # removed meanwhile (e.g. a TEMPORARY child)
            run = await self._start_one(spec)
            if run.ctx.is_ready:
                continue
            again = await self._handle_end(run)
            pending = deque(again + [s for s in pending if s not in again])

    async def _start_one(self, spec: ChildSpec) -> _Run:
        """Spawn one run and wait for its ready(); a run not ready has ended."""
        assert self._task_group is not None
        run_number = self._starts[spec.id]
        self._starts[spec.id] += 1
        run = _Run(spec, ActorContext(spec.id, run_number, self._mailboxes))
        run.started_at = self._clock()
        self._running[spec.id] = run
        self._task_group.start_soon(self._run_child, run, name=f"actor:{spec.id}")
        with anyio.move_on_after(spec.ready_timeout):
            await run.ctx._settled.wait()
        if run.ctx.is_ready:
            logger.bind(actor=spec.id).info("Actor {} ready (run {})", spec.id, run_number)
            return run
        if not run.finished.is_set():
            await self._stop_run(run)
            run.error = ChildStartError(
                f"{spec.id} did not call ready() within {spec.ready_timeout:g} s"
            )
        elif run.error is None:
            run.error = ChildStartError(f"{spec.id} returned before calling ready()")
        self._forget(run)
        return run

    async def _run_child(self, run: _Run) -> None:
        try:
            with run.scope:
                try:
                    await run.spec.start(run.ctx)
                except Exception as exc:  # noqa: BLE001 - a crash: handled by the supervisor
                    run.error = exc
        finally:
            run.ctx._end()
            run.finished.set()
        self._exits_send.send_nowait(run)

    async def _handle_end(self, run: _Run) -> list[ChildSpec]:
        """Decide what a child's end means; return the children to start again, in order.

        Logs, counts and alerts the end, applies the restart limit (raising
        :class:`SupervisorGaveUp`), stops the later children for REST_FOR_ONE and
        sleeps the backoff.
        """
        spec, error = run.spec, run.error
        actor_log = logger.bind(actor=spec.id)
        restart = spec.restart is Restart.PERMANENT or (
            spec.restart is Restart.TRANSIENT and error is not None
        )
        if error is not None:
            self.stats.crashes[spec.id] += 1
        if not restart:
            self._children.remove(spec)
            if error is not None:
                actor_log.opt(exception=error).error(
                    "Actor {} crashed (run {}); {} child, not restarted",
                    spec.id,
                    run.ctx.run_number,
                    spec.restart.value,
                )
                self._alert_end(run, "it is not restarted (temporary child)")
            else:
                actor_log.info("Actor {} finished; removed", spec.id)
            return []

        now = self._clock()
        window = self._prune(self._restart_times, now)
        if window + 1 > self._flags.intensity:
            self._give_up(
                run,
                f"more than {self._flags.intensity} restarts within {self._flags.period:g} s",
            )
        short_runs = self._count_short_run(run, now)
        if short_runs > self._flags.max_short_runs:
            self._give_up(
                run,
                f"it ended soon after start (within {self._flags.min_uptime:g} s) "
                f"{short_runs} times in a row",
            )
        attempt = self._prune(self._child_restart_times.setdefault(spec.id, deque()), now)
        self._restart_times.append(now)
        self._child_restart_times[spec.id].append(now)
        delay = self._flags.backoff.delay(attempt, self._rng)
        if error is not None:
            actor_log.opt(exception=error).error(
                "Actor {} crashed (run {}); restarting in {:.3f} s",
                spec.id,
                run.ctx.run_number,
                delay,
            )
        else:
            actor_log.warning("Actor {} returned; restarting in {:.3f} s", spec.id, delay)
        self._alert_end(run, f"restarting in {delay:.2f} s", delay=delay)

        to_start = [spec]
        if self._flags.strategy is Strategy.REST_FOR_ONE:
            to_start += await self._stop_later_children(spec)
        await self._sleep(delay)
        for child in to_start:
            self.stats.restarts[child.id] += 1
            logger.bind(actor=child.id).info(
                "Restarting actor {} (run {})", child.id, self._starts[child.id]
            )
        return to_start

    async def _stop_later_children(self, spec: ChildSpec) -> list[ChildSpec]:
        """REST_FOR_ONE: stop the children after ``spec`` (reverse order).

        Returns the ones to start again; TEMPORARY ones are removed instead, as in OTP.
        """
        later = self._children[self._children.index(spec) + 1 :]
        for child in reversed(later):
            run = self._running.get(child.id)
            if run is not None:
                await self._stop_run(run)
        for child in later:
            if child.restart is Restart.TEMPORARY:
                self._children.remove(child)
        return [child for child in later if child in self._children]

    def _prune(self, times: deque[float], now: float) -> int:
        """Drop restart times older than the period; return how many remain."""
        while times and times[0] <= now - self._flags.period:
            times.popleft()
        return len(times)

    def _count_short_run(self, run: _Run, now: float) -> int:
        """Count the run in its child's row of short runs; return the row's length."""
        if now - run.started_at < self._flags.min_uptime:
            self._short_runs[run.spec.id] += 1
        else:
            self._short_runs[run.spec.id] = 0
        return self._short_runs[run.spec.id]

    def _give_up(self, run: _Run, reason: str) -> None:
        spec, error = run.spec, run.error
        self.stats.gave_up = True
        if error is not None:
            logger.bind(actor=spec.id).opt(exception=error).error(
                "Actor {} crashed (run {}); restart limit reached",
                spec.id,
                run.ctx.run_number,
            )
        self._alert_end(run, "restart limit reached, not restarted")
        text = f"Supervisor gave up on {spec.id}: {reason}; stopping every actor"
        details = {"actor": spec.id, "reason": reason}
        if error is not None:
            details["last_error"] = str(root_cause(error))
        logger.bind(actor=spec.id).critical(text)
        self._send_alert(
            Alert(
                source=_SOURCE,
                text=text,
                severity=Severity.CRITICAL,
                key="supervisor:gave_up",
                details=details,
            )
        )
        raise SupervisorGaveUp(spec.id, reason) from error

    # -- stopping --------------------------------------------------------------------

    async def _stop_all(self) -> None:
        for spec in reversed(self._children):
            run = self._running.get(spec.id)
            if run is not None:
                await self._stop_run(run)

    async def _stop_run(self, run: _Run) -> None:
        """Graceful stop: set ``stopping``, wait ``shutdown`` s, then cancel and wait."""
        actor_log = logger.bind(actor=run.spec.id)
        actor_log.info("Stopping actor {}", run.spec.id)
        run.ctx.stopping.set()
        with anyio.move_on_after(run.spec.shutdown):
            await run.finished.wait()
        if not run.finished.is_set():
            actor_log.warning(
                "Actor {} did not stop within {:g} s; cancelling", run.spec.id, run.spec.shutdown
            )
            run.scope.cancel()
            await run.finished.wait()
        if run.error is not None:
            actor_log.opt(exception=run.error).error("Actor {} raised while stopping", run.spec.id)
        self._forget(run)

    def _forget(self, run: _Run) -> None:
        if self._running.get(run.spec.id) is run:
            del self._running[run.spec.id]

    # -- alerts ----------------------------------------------------------------------

    def _alert_end(self, run: _Run, outcome: str, *, delay: float | None = None) -> None:
        """The one alert for a child's unexpected end (crash, or a PERMANENT return)."""
        spec, error = run.spec, run.error
        details = {
            "actor": spec.id,
            "run": str(run.ctx.run_number),
            "restart": spec.restart.value,
        }
        if delay is not None:
            details["restart_delay"] = f"{delay:.6f}"
        if error is not None:
            # The root cause, not "ExceptionGroup: unhandled errors in a TaskGroup".
            cause = root_cause(error)
            details["error"] = f"{cause.kind}: {cause.message}"
            details["raised_at"] = cause.where
            alert = Alert(
                source=_SOURCE,
                text=f"Actor {spec.id} crashed: {cause}; {outcome}",
                severity=Severity.CRITICAL,
                key=f"crash:{spec.id}",
                details=details,
            )
        else:
            alert = Alert(
                source=_SOURCE,
                text=f"Actor {spec.id} stopped on its own; {outcome}",
                severity=Severity.WARNING,
                key=f"exit:{spec.id}",
                details=details,
            )
        self._send_alert(alert)

    def _send_alert(self, alert: Alert) -> None:
        """Never blocks: on a full alerts inbox the alert is dropped (and logged)."""
        if self._alerts_mailbox is None:
            return
        try:
            self._mailboxes.original_sender(self._alerts_mailbox).send_nowait(alert)
        except anyio.WouldBlock:
            self.stats.alerts_dropped += 1
            logger.warning("Alerts mailbox full; dropped alert {!r}", alert.key)
