"""The supervisor: OTP restart semantics, ordered start and stop, backoff, alerts, mailboxes.

Tests wait on anyio Events (through `Script`) under `fail_after`, never on sleeps. To show
that something did *not* happen (no restart), they crash a `probe` child afterwards and
wait for its restart: the supervisor handles child ends one at a time, in order, so by
then the earlier end has been handled.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import pytest

from actors.mailboxes import Mailboxes, MailboxSpec
from actors.messages import Alert, Severity
from actors.supervisor import (
    ActorContext,
    ActorStart,
    Backoff,
    ChildSpec,
    Restart,
    Strategy,
    Supervisor,
    SupervisorFlags,
    SupervisorGaveUp,
)

TIMEOUT = 3.0
FAST = Backoff(initial=0.001, maximum=0.01, factor=2.0, jitter=0.2)


class Script:
    """What the children did, in order, with an Event per entry to wait on."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self._events: dict[str, anyio.Event] = {}

    def note(self, entry: str) -> None:
        self.log.append(entry)
        self._event(entry).set()

    async def wait_for(self, entry: str) -> None:
        with anyio.fail_after(TIMEOUT):
            await self._event(entry).wait()

    def matching(self, prefix: str) -> list[str]:
        return [entry for entry in self.log if entry.startswith(prefix)]

    def _event(self, entry: str) -> anyio.Event:
        return self._events.setdefault(entry, anyio.Event())


def commanded(script: Script, child_id: str) -> ActorStart:
    """A well-behaved actor that obeys the commands in its inbox (named like the child).

    "crash" raises, "return" returns; anything else is just recorded. On `stopping` it
    drains its inbox and returns.
    """

    async def start(ctx: ActorContext) -> None:
        tag = f"{child_id}#{ctx.run_number}"
        inbox = ctx.inbox(child_id)
        script.note(f"start {tag}")
        ctx.ready()
        async for command in ctx.messages(inbox):
            script.note(f"{tag} got {command}")
            if command == "crash":
                raise RuntimeError(f"{tag} crashed on purpose")
            if command == "return":
                return
        script.note(f"stop {tag}")

    return start


def tell(supervisor: Supervisor, child_id: str, *commands: str) -> None:
    with supervisor.mailboxes.clone_sender(child_id) as sender:
        for command in commands:
            sender.send_nowait(command)


def build(
    script: Script,
    children: list[tuple[str, Restart]],
    *,
    strategy: Strategy = Strategy.ONE_FOR_ONE,
    intensity: int = 10,
    period: float = 30.0,
    backoff: Backoff = FAST,
    alerts: int | None = None,
    rng: random.Random | None = None,
) -> Supervisor:
    """A supervisor of `commanded` children, one mailbox each (plus "alerts" if asked)."""
    mailboxes = [MailboxSpec(child_id, 10) for child_id, _ in children]
    if alerts is not None:
        mailboxes.append(MailboxSpec("alerts", alerts))
    return Supervisor(
        [ChildSpec(cid, commanded(script, cid), restart) for cid, restart in children],
        SupervisorFlags(strategy=strategy, intensity=intensity, period=period, backoff=backoff),
        mailboxes,
        alerts_mailbox="alerts" if alerts is not None else None,
        rng=rng,
    )


@asynccontextmanager
async def supervising(supervisor: Supervisor) -> AsyncIterator[Supervisor]:
    """Run the supervisor until every child is ready; shut it down gracefully after."""
    async with anyio.create_task_group() as tg:
        with anyio.fail_after(TIMEOUT):
            await tg.start(supervisor.run)
        yield supervisor
        with anyio.fail_after(TIMEOUT):
            await supervisor.shutdown()


async def flush_with_probe(supervisor: Supervisor, script: Script, run_number: int = 0) -> None:
    """Crash the probe and wait for its restart: every earlier child end is handled."""
    await script.wait_for(f"start probe#{run_number}")
    tell(supervisor, "probe", "crash")
    await script.wait_for(f"start probe#{run_number + 1}")


def drain(receiver: Any) -> list[Any]:
    items = []
    while True:
        try:
            items.append(receiver.receive_nowait())
        except (anyio.WouldBlock, anyio.EndOfStream):
            return items


# -- restarts ---------------------------------------------------------------------------


async def test_permanent_child_restarted_after_crash_gets_messages_sent_to_its_inbox() -> None:
    script = Script()
    supervisor = build(script, [("a", Restart.PERMANENT)])
    async with supervising(supervisor):
        sender = supervisor.mailboxes.clone_sender("a")  # taken before the crash
        # "hello" waits in the inbox while run 0 dies and run 1 starts.
        sender.send_nowait("crash")
        sender.send_nowait("hello")
        await script.wait_for("a#1 got hello")
        sender.send_nowait("again")  # the same clone still works after the restart
        await script.wait_for("a#1 got again")
        sender.close()
        assert supervisor.running_children() == ["a"]
        assert supervisor.stats.crashes["a"] == 1
        assert supervisor.stats.restarts["a"] == 1
    assert script.matching("start") == ["start a#0", "start a#1"]


async def test_streams_handed_to_a_run_are_closed_when_that_run_ends() -> None:
    script = Script()
    crash_now = anyio.Event()
    handed: list[tuple[Any, Any]] = []

    async def keeper(ctx: ActorContext) -> None:
        handed.append((ctx.inbox("k"), ctx.outbox("k")))
        ctx.ready()
        script.note(f"ready #{ctx.run_number}")
        if ctx.run_number == 0:
            await crash_now.wait()
            raise RuntimeError("first run dies")
        await ctx.stopping.wait()

    supervisor = Supervisor(
        [ChildSpec("k", keeper)], SupervisorFlags(backoff=FAST), [MailboxSpec("k", 4)]
    )
    async with supervising(supervisor):
        crash_now.set()
        await script.wait_for("ready #1")
        inbox, outbox = handed[0]
        with pytest.raises(anyio.ClosedResourceError):
            inbox.receive_nowait()
        with pytest.raises(anyio.ClosedResourceError):
            outbox.send_nowait("x")
        stats = supervisor.mailboxes.statistics("k")
        assert (stats.open_receive_streams, stats.open_send_streams) == (2, 2)  # original + run 1
        handed[1][1].send_nowait("still open")


async def test_temporary_child_is_not_restarted_after_a_crash() -> None:
    script = Script()
    supervisor = build(script, [("probe", Restart.PERMANENT), ("t", Restart.TEMPORARY)])
    async with supervising(supervisor):
        tell(supervisor, "t", "crash")
        await script.wait_for("t#0 got crash")
        await flush_with_probe(supervisor, script)
        assert supervisor.running_children() == ["probe"]
        assert supervisor.stats.crashes["t"] == 1
        assert supervisor.stats.restarts["t"] == 0
    assert script.matching("start t") == ["start t#0"]


async def test_transient_child_is_restarted_after_a_crash_but_not_after_a_normal_return() -> None:
    script = Script()
    supervisor = build(script, [("probe", Restart.PERMANENT), ("tr", Restart.TRANSIENT)])
    async with supervising(supervisor):
        tell(supervisor, "tr", "crash")
        await script.wait_for("start tr#1")
        tell(supervisor, "tr", "return")
        await script.wait_for("tr#1 got return")
        await flush_with_probe(supervisor, script)
        assert supervisor.running_children() == ["probe"]
    assert script.matching("start tr") == ["start tr#0", "start tr#1"]


async def test_permanent_child_is_restarted_after_a_normal_return() -> None:
    script = Script()
    supervisor = build(script, [("p", Restart.PERMANENT)])
    async with supervising(supervisor):
        tell(supervisor, "p", "return")
        await script.wait_for("start p#1")
        assert supervisor.stats.crashes["p"] == 0
        assert supervisor.stats.restarts["p"] == 1


async def test_child_that_crashes_before_ready_is_restarted_like_a_crash() -> None:
    script = Script()

    async def flaky_start(ctx: ActorContext) -> None:
        script.note(f"start #{ctx.run_number}")
        if ctx.run_number == 0:
            raise ConnectionError("database not up yet")
        ctx.ready()
        await ctx.stopping.wait()

    supervisor = Supervisor([ChildSpec("flaky", flaky_start)], SupervisorFlags(backoff=FAST), [])
    async with supervising(supervisor):
        assert script.log == ["start #0", "start #1"]
        assert supervisor.stats.crashes["flaky"] == 1


async def test_child_not_ready_within_its_ready_timeout_is_stopped_and_restarted() -> None:
    script = Script()

    async def slow_start(ctx: ActorContext) -> None:
        script.note(f"start #{ctx.run_number}")
        if ctx.run_number == 0:
            await ctx.stopping.wait()  # never ready; leaves when asked to stop
            script.note("stopped #0")
            return
        ctx.ready()
        await ctx.stopping.wait()

    supervisor = Supervisor(
        [ChildSpec("slow", slow_start, ready_timeout=0.05)], SupervisorFlags(backoff=FAST), []
    )
    async with supervising(supervisor):
        assert script.log == ["start #0", "stopped #0", "start #1"]
        assert supervisor.stats.crashes["slow"] == 1


# -- giving up --------------------------------------------------------------------------


async def test_over_the_intensity_it_gives_up_and_stops_the_others_in_reverse_order() -> None:
    script = Script()

    async def crash_loop(ctx: ActorContext) -> None:
        script.note(f"start b#{ctx.run_number}")
        ctx.ready()
        raise RuntimeError(f"b#{ctx.run_number} crashed")

    children = [ChildSpec(cid, commanded(script, cid)) for cid in ("a", "c", "d")]
    children.insert(1, ChildSpec("b", crash_loop))
    supervisor = Supervisor(
        children,
        SupervisorFlags(intensity=3, period=30.0, backoff=FAST),
        [MailboxSpec(cid, 10) for cid in ("a", "c", "d")] + [MailboxSpec("alerts", 10)],
        alerts_mailbox="alerts",
    )
    alerts = supervisor.mailboxes.clone_receiver("alerts")
    with anyio.fail_after(TIMEOUT), pytest.raises(SupervisorGaveUp) as gave_up:
        await supervisor.run()

    assert gave_up.value.child_id == "b"
    assert isinstance(gave_up.value.__cause__, RuntimeError)
    assert script.matching("start b") == ["start b#0", "start b#1", "start b#2", "start b#3"]
    assert script.matching("stop") == ["stop d#0", "stop c#0", "stop a#0"]
    assert supervisor.running_children() == []
    assert supervisor.stats.gave_up
    assert supervisor.stats.crashes["b"] == 4
    assert supervisor.stats.restarts["b"] == 3
    keys = [alert.key for alert in drain(alerts)]
    assert keys == ["crash:b"] * 4 + ["supervisor:gave_up"]
    alerts.close()


async def test_cancelling_run_still_stops_children_gracefully_in_reverse_order() -> None:
    script = Script()
    supervisor = build(script, [("a", Restart.PERMANENT), ("b", Restart.PERMANENT)])
    with anyio.fail_after(TIMEOUT):
        async with anyio.create_task_group() as tg:
            await tg.start(supervisor.run)
            tg.cancel_scope.cancel()
    assert script.matching("stop") == ["stop b#0", "stop a#0"]


# -- backoff ----------------------------------------------------------------------------


class MaxJitter(random.Random):
    """Always picks the top of the jitter range."""

    def uniform(self, a: float, b: float) -> float:
        return b


def test_backoff_delay_grows_exponentially_up_to_the_maximum() -> None:
    backoff = Backoff(initial=0.1, maximum=1.0, factor=2.0, jitter=0.0)
    delays = [backoff.delay(attempt, random.Random(1)) for attempt in range(7)]
    assert delays == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0])
    assert backoff.delay(100_000, random.Random(1)) == 1.0  # no overflow


def test_backoff_jitter_stays_within_its_fraction() -> None:
    backoff = Backoff(initial=1.0, maximum=1.0, factor=2.0, jitter=0.2)
    rng = random.Random(7)
    delays = [backoff.delay(0, rng) for _ in range(500)]
    assert all(0.8 <= delay <= 1.2 for delay in delays)
    assert len(set(delays)) > 1
    assert backoff.delay(0, MaxJitter()) == pytest.approx(1.2)


async def test_restart_delays_grow_during_a_crash_loop() -> None:
    script = Script()
    backoff = Backoff(initial=0.01, maximum=1.0, factor=2.0, jitter=0.2)
    supervisor = build(
        script, [("a", Restart.PERMANENT)], backoff=backoff, alerts=10, rng=MaxJitter()
    )
    alerts = supervisor.mailboxes.clone_receiver("alerts")
    crashed_at: list[float] = []
    started_at: list[float] = []
    async with supervising(supervisor):
        for run in range(4):
            crashed_at.append(anyio.current_time())
            tell(supervisor, "a", "crash")
            await script.wait_for(f"start a#{run + 1}")
            started_at.append(anyio.current_time())
    delays = [float(alert.details["restart_delay"]) for alert in drain(alerts)]
    alerts.close()
    assert delays == pytest.approx([0.012, 0.024, 0.048, 0.096])
    for crashed, started, delay in zip(crashed_at, started_at, delays, strict=True):
        assert started - crashed >= delay  # the supervisor did wait that long


# -- strategies -------------------------------------------------------------------------


async def test_rest_for_one_restarts_the_crashed_child_and_the_later_ones_in_order() -> None:
    script = Script()
    ids = ["c1", "c2", "c3", "c4"]
    supervisor = build(
        script, [(cid, Restart.PERMANENT) for cid in ids], strategy=Strategy.REST_FOR_ONE
    )
    async with supervising(supervisor):
        tell(supervisor, "c2", "crash")
        await script.wait_for("start c4#1")
        after_crash = script.log[script.log.index("c2#0 got crash") + 1 :]
        assert after_crash == [
            "stop c4#0",
            "stop c3#0",
            "start c2#1",
            "start c3#1",
            "start c4#1",
        ]
        assert supervisor.running_children() == ids
        assert supervisor.stats.restarts == {"c2": 1, "c3": 1, "c4": 1}
    assert script.matching("start c1") == ["start c1#0"]


async def test_one_for_one_restarts_only_the_crashed_child() -> None:
    script = Script()
    supervisor = build(script, [(cid, Restart.PERMANENT) for cid in ("c1", "c2", "c3")])
    async with supervising(supervisor):
        tell(supervisor, "c2", "crash")
        await script.wait_for("start c2#1")
        assert script.matching("stop") == []
    assert script.matching("start") == ["start c1#0", "start c2#0", "start c3#0", "start c2#1"]


# -- start and shutdown -----------------------------------------------------------------


async def test_children_start_in_order_each_after_the_previous_is_ready() -> None:
    script = Script()
    ids = ["a", "b", "c"]
    gates = {cid: anyio.Event() for cid in ids}

    def gated(cid: str) -> ActorStart:
        async def start(ctx: ActorContext) -> None:
            script.note(f"start {cid}")
            await gates[cid].wait()
            ctx.ready()
            await ctx.stopping.wait()

        return start

    supervisor = Supervisor(
        [ChildSpec(cid, gated(cid)) for cid in ids], SupervisorFlags(backoff=FAST), []
    )
    all_ready = anyio.Event()

    async def run_supervisor() -> None:
        await tg.start(supervisor.run)
        all_ready.set()

    with anyio.fail_after(TIMEOUT):
        async with anyio.create_task_group() as tg:
            tg.start_soon(run_supervisor)
            for cid, next_cid in [("a", "b"), ("b", "c")]:
                await script.wait_for(f"start {cid}")
                await anyio.wait_all_tasks_blocked()
                assert f"start {next_cid}" not in script.log
                assert not all_ready.is_set()
                gates[cid].set()
            await script.wait_for("start c")
            assert not all_ready.is_set()
            gates["c"].set()
            await all_ready.wait()
            assert script.log == ["start a", "start b", "start c"]
            await supervisor.shutdown()


async def test_shutdown_cancels_a_child_ignoring_stopping_after_its_timeout() -> None:
    script = Script()

    async def stubborn(ctx: ActorContext) -> None:
        ctx.ready()
        try:
            await anyio.sleep_forever()  # never looks at ctx.stopping
        except anyio.get_cancelled_exc_class():
            script.note("cancelled stubborn")
            raise

    supervisor = Supervisor(
        [
            ChildSpec("first", commanded(script, "first"), shutdown=5.0),
            ChildSpec("stubborn", stubborn, shutdown=0.2),
            ChildSpec("last", commanded(script, "last"), shutdown=5.0),
        ],
        SupervisorFlags(backoff=FAST),
        [MailboxSpec("first", 1), MailboxSpec("last", 1)],
    )
    async with anyio.create_task_group() as tg:
        await tg.start(supervisor.run)
        began = anyio.current_time()
        with anyio.fail_after(1.5):  # the cooperative children (5 s) return at once
            await supervisor.shutdown()
        assert anyio.current_time() - began >= 0.2  # the stubborn one got its 0.2 s
    assert script.log[-3:] == ["stop last#0", "cancelled stubborn", "stop first#0"]
    assert supervisor.running_children() == []
    assert supervisor.stats.crashes.total() == 0


async def test_shutdown_requested_before_run_starts_nothing_and_returns() -> None:
    script = Script()
    supervisor = build(script, [("a", Restart.PERMANENT)])
    supervisor.request_shutdown()
    with anyio.fail_after(TIMEOUT):
        await supervisor.run()
    assert script.log == []


# -- alerts -----------------------------------------------------------------------------


async def test_one_crash_sends_exactly_one_alert() -> None:
    script = Script()
    supervisor = build(script, [("a", Restart.PERMANENT)], alerts=10)
    alerts = supervisor.mailboxes.clone_receiver("alerts")
    async with supervising(supervisor):
        tell(supervisor, "a", "crash")
        await script.wait_for("start a#1")
        received = drain(alerts)
    alerts.close()
    assert len(received) == 1
    alert = received[0]
    assert isinstance(alert, Alert)
    assert alert.severity is Severity.CRITICAL
    assert alert.key == "crash:a"
    assert "a#0 crashed on purpose" in alert.text
    assert "restarting" in alert.text
    assert alert.details["actor"] == "a"


async def test_a_full_alerts_mailbox_drops_the_alert_without_blocking_restarts() -> None:
    script = Script()
    supervisor = build(script, [("a", Restart.PERMANENT)], alerts=0)
    async with supervising(supervisor):
        tell(supervisor, "a", "crash")
        await script.wait_for("start a#1")
        assert supervisor.stats.alerts_dropped == 1


# -- ctx.messages -----------------------------------------------------------------------


async def test_messages_drains_what_is_buffered_once_stopping_is_set() -> None:
    script = Script()
    release = anyio.Event()
    got: list[int] = []

    async def slow(ctx: ActorContext) -> None:
        inbox = ctx.inbox("slow")
        ctx.ready()
        async for number in ctx.messages(inbox):
            got.append(number)
            script.note(f"got {number}")
            await release.wait()
        script.note("drained")

    supervisor = Supervisor(
        [ChildSpec("slow", slow, shutdown=TIMEOUT)],
        SupervisorFlags(backoff=FAST),
        [MailboxSpec("slow", 10)],
    )
    async with anyio.create_task_group() as tg:
        await tg.start(supervisor.run)
        with supervisor.mailboxes.clone_sender("slow") as sender:
            for number in range(6):
                sender.send_nowait(number)
        await script.wait_for("got 0")
        tg.start_soon(supervisor.shutdown)  # sets stopping while 1..5 are still buffered
        await anyio.wait_all_tasks_blocked()
        release.set()
        await script.wait_for("drained")
    assert got == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("stop_first", [False, True], ids=["send-then-stop", "stop-then-send"])
async def test_messages_keeps_an_item_handed_over_as_stopping_fires(stop_first: bool) -> None:
    mailboxes = Mailboxes([MailboxSpec("in", 10)])
    ctx = ActorContext("t", 0, mailboxes)
    inbox = ctx.inbox("in")
    sender = mailboxes.clone_sender("in")
    got: list[str] = []

    async def consume() -> None:
        async for item in ctx.messages(inbox):
            got.append(item)

    actions: list[Callable[[], None]] = [
        lambda: sender.send_nowait("handed"),
        ctx.stopping.set,
    ]
    with anyio.fail_after(TIMEOUT):
        async with anyio.create_task_group() as tg:
            tg.start_soon(consume)
            await anyio.wait_all_tasks_blocked()  # consume() waits in receive()
            for action in reversed(actions) if stop_first else actions:
                action()  # no checkpoint in between: the two race
            sender.send_nowait("buffered")
    assert got == ["handed", "buffered"]
    assert mailboxes.statistics("in").open_receive_streams == 2  # no leaked waiter clone
    sender.close()
    ctx._end()
    mailboxes.close()


async def test_waiting_for_a_message_starts_no_task_and_a_stop_still_ends_the_wait() -> None:
    """An idle actor wakes for every message: the wait is a receive on a clone that the
    stop closes, with no watcher task (and its cancellation) per message."""
    mailboxes = Mailboxes([MailboxSpec("in", 10)])
    ctx = ActorContext("t", 0, mailboxes)
    inbox = ctx.inbox("in")
    sender = mailboxes.clone_sender("in")
    got: list[int] = []
    ended = anyio.Event()

    async def consume() -> None:
        async for item in ctx.messages(inbox):
            got.append(item)
        ended.set()

    with anyio.fail_after(TIMEOUT):
        async with anyio.create_task_group() as tg:
            tasks_before = len(asyncio.all_tasks())
            tg.start_soon(consume)
            await anyio.wait_all_tasks_blocked()
            assert len(asyncio.all_tasks()) == tasks_before + 1  # consume() alone
            for number in range(3):
                sender.send_nowait(number)
                await anyio.wait_all_tasks_blocked()
                assert len(asyncio.all_tasks()) == tasks_before + 1
            ctx.stopping.set()
            await ended.wait()
    assert got == [0, 1, 2]
    assert mailboxes.statistics("in").open_receive_streams == 2  # no leaked waiter clone
    sender.close()
    ctx._end()
    mailboxes.close()


async def test_an_actor_is_stuck_while_messages_wait_and_it_takes_none() -> None:
    took_first = anyio.Event()
    release = anyio.Event()

    async def slow_worker(ctx: ActorContext) -> None:
        inbox = ctx.inbox("work")
        ctx.ready()
        async for _ in ctx.messages(inbox):
            took_first.set()
            await release.wait()

    supervisor = Supervisor(
        [ChildSpec("worker", slow_worker)],
        SupervisorFlags(),
        [MailboxSpec("work", 10)],
    )
    sender = supervisor.mailboxes.clone_sender("work")
    with anyio.fail_after(5):
        async with anyio.create_task_group() as tg:
            await tg.start(supervisor.run)
            assert not supervisor.is_stuck("worker", after=-1)  # nothing waits
            await sender.send("first")
            await took_first.wait()
            await sender.send("second")  # waits while the worker is busy
            assert supervisor.is_stuck("worker", after=-1)
            assert not supervisor.is_stuck("worker", after=3600)  # not for long yet
            assert not supervisor.is_stuck("nobody", after=-1)
            release.set()
            await supervisor.shutdown()
    sender.close()
