"""A child that keeps crashing soon after start is escalated, even when the backoff keeps
its restarts under the sliding-window limit (a slow crash loop).

Time is simulated: the supervisor is given a manual clock and a sleep that moves it, so
a run "lasts" as long as the child moves the clock, and a backoff of 10 s takes no real
time. The app's own flags (`actors.app.FLAGS`) are used where the figures matter.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import anyio
import pytest
from anyio.lowlevel import checkpoint

from actors.app import FLAGS
from actors.mailboxes import MailboxSpec
from actors.messages import Alert
from actors.metrics.health import actor_states
from actors.supervisor import (
    ActorContext,
    ActorStart,
    Backoff,
    ChildSpec,
    Supervisor,
    SupervisorFlags,
    SupervisorGaveUp,
)
from config import Settings
from fake_telegram import FakeTelegram
from fake_telegram.remote import serve_remote
from main import EXIT_FAILED
from tests.bot.superadmin.broadcasts.remote_bot import ROOT, bot_environment
from tests.fixtures.app import SUPERADMIN, bot_settings

TIMEOUT = 5.0
FAST = Backoff(initial=0.001, maximum=0.01, factor=2.0, jitter=0.2)


class SimulatedTime:
    """A clock the children and the supervisor's backoff sleeps move forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await checkpoint()


def crashing_after(time: SimulatedTime, uptimes: list[float]) -> tuple[ActorStart, anyio.Event]:
    """A child whose run n stays up `uptimes[n]` simulated seconds, then crashes; once
    the list is used up it settles (stays up until stopped) and sets the event."""
    settled = anyio.Event()

    async def start(ctx: ActorContext) -> None:
        ctx.ready()
        if ctx.run_number >= len(uptimes):
            settled.set()
            await ctx.stopping.wait()
            return
        time.now += uptimes[ctx.run_number]
        raise RuntimeError(f"crashed {uptimes[ctx.run_number]:g} s after start")

    return start, settled


def short_run_flags(max_short_runs: int) -> SupervisorFlags:
    """Flags where only the short-run limit can give up: runs under 10 s are short."""
    return SupervisorFlags(
        intensity=1000, period=60, backoff=FAST, min_uptime=10, max_short_runs=max_short_runs
    )


async def run_until_settled(
    supervisor: Supervisor, settled: anyio.Event
) -> SupervisorGaveUp | None:
    """Run `supervisor` until the child settles (then stop it): None, or until it gives
    up: the exception."""
    gave_up: list[SupervisorGaveUp] = []
    try:
        async with anyio.create_task_group() as tasks:
            with anyio.fail_after(TIMEOUT):
                await tasks.start(supervisor.run)
                await settled.wait()
                await supervisor.shutdown()
    except* SupervisorGaveUp as group:
        gave_up.extend(e for e in group.exceptions if isinstance(e, SupervisorGaveUp))
    return gave_up[0] if gave_up else None


def supervisor_of(
    start: ActorStart, flags: SupervisorFlags, time: SimulatedTime, alerts: bool = False
) -> Supervisor:
    mailboxes = [MailboxSpec("alerts", 1000)] if alerts else []
    return Supervisor(
        [ChildSpec("order_processor", start)],
        flags,
        mailboxes,
        alerts_mailbox="alerts" if alerts else None,
        rng=random.Random(7),
        clock=time,
        sleep=time.sleep,
    )


async def test_a_child_crashing_1_5_s_after_every_start_is_escalated_within_two_minutes() -> None:
    time = SimulatedTime()
    began = time.now
    # Over ten minutes of a crash 1.5 s after every start, if nothing stops it first.
    start, settled = crashing_after(time, [1.5] * 60)
    supervisor = supervisor_of(start, FLAGS, time, alerts=True)
    alerts = supervisor.mailboxes.clone_receiver("alerts")

    gave_up = await run_until_settled(supervisor, settled)

    assert gave_up is not None, f"not escalated in {time.now - began:.0f} s of crash loop"
    assert time.now - began < 120
    assert gave_up.child_id == "order_processor"
    assert isinstance(gave_up.__cause__, RuntimeError)
    assert supervisor.stats.gave_up
    sent: list[Alert] = []
    while True:
        try:
            sent.append(alerts.receive_nowait())
        except (anyio.WouldBlock, anyio.EndOfStream):
            break
    assert sent[-1].key == "supervisor:gave_up"
    assert "soon after start" in sent[-1].text
    alerts.close()


async def test_a_run_that_stays_up_min_uptime_ends_the_count_of_short_runs() -> None:
    time = SimulatedTime()
    flags = short_run_flags(max_short_runs=3)
    # Three short runs, a long one (the child worked for a while), three short again.
    start, settled = crashing_after(time, [1, 1, 1, 20, 1, 1, 1])
    supervisor = supervisor_of(start, flags, time)

    assert await run_until_settled(supervisor, settled) is None
    assert supervisor.stats.crashes["order_processor"] == 7


async def test_one_short_run_more_than_max_short_runs_in_a_row_gives_up() -> None:
    time = SimulatedTime()
    flags = short_run_flags(max_short_runs=3)
    start, settled = crashing_after(time, [1, 20, 1, 1, 1, 1])
    supervisor = supervisor_of(start, flags, time)

    gave_up = await run_until_settled(supervisor, settled)

    assert gave_up is not None
    assert "4 times in a row" in str(gave_up)
    assert supervisor.stats.crashes["order_processor"] == 6


async def test_health_shows_a_child_restarting_repeatedly_until_it_stays_up() -> None:
    time = SimulatedTime()
    flags = short_run_flags(max_short_runs=5)
    start, settled = crashing_after(time, [1, 1])
    supervisor = supervisor_of(start, flags, time)

    async with anyio.create_task_group() as tasks:
        with anyio.fail_after(TIMEOUT):
            await tasks.start(supervisor.run)
            await settled.wait()
            # Two short runs in a row, and the run now up has not yet proved itself.
            assert supervisor.is_crash_looping("order_processor")
            assert actor_states(supervisor, ["order_processor"], 60) == {
                "order_processor": "crash_loop"
            }
            time.now += 10
            assert not supervisor.is_crash_looping("order_processor")
            assert actor_states(supervisor, ["order_processor"], 60) == {
                "order_processor": "running"
            }
            await supervisor.shutdown()


def test_flags_refuse_a_negative_short_run_limit() -> None:
    with pytest.raises(ValueError):
        SupervisorFlags(max_short_runs=-1)
    with pytest.raises(ValueError):
        SupervisorFlags(min_uptime=-1)


# -- the whole app ----------------------------------------------------------------------

SLOW_CRASH_LOOP_LAUNCHER = """
import sys
import actors.app
import actors.orders.processor
from actors.supervision import Backoff, SupervisorFlags
from fake_telegram import remote_bot

async def crash_after_ready(self, ctx):
    ctx.ready()
    raise RuntimeError("injected crash soon after start")

actors.orders.processor.OrderProcessor.run = crash_after_ready
# The sliding window could never stop this loop: only the short-run limit can.
actors.app.build_supervisor.__kwdefaults__["flags"] = SupervisorFlags(
    intensity=1000, period=60, backoff=Backoff(initial=0.01, maximum=0.05),
    min_uptime=5.0, max_short_runs=3,
)
sys.exit(remote_bot.main(sys.argv[1:]))
"""


async def test_the_whole_app_in_a_crash_loop_tells_the_superadmin_and_exits_1(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """The real app (`main.serve` in `python -m fake_telegram.remote_bot`, one actor made
    to crash at every start by the launcher): it gives up on the short-run limit, the
    superadmin hears why in Telegram, and the process exits 1."""
    settings = bot_settings(sqlite_database)
    environment = bot_environment(settings, SQLITE_PATH=str(settings.sqlite_path))
    owner = fake_telegram.user(SUPERADMIN, lang="en", first_name="Owner")
    log = tmp_path / "bot.log"
    async with serve_remote(fake_telegram) as address:
        with log.open("wb") as output:
            process = await anyio.open_process(
                [sys.executable, "-c", SLOW_CRASH_LOOP_LAUNCHER, "--connect", address],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=output,
            )
            try:
                with anyio.fail_after(60):
                    exit_code = await process.wait()
            finally:
                if process.returncode is None:
                    process.kill()
                    await process.wait()

    assert exit_code == EXIT_FAILED, log.read_text(errors="replace")[-3000:]
    texts = [message.text for message in owner.messages]
    [gave_up] = [text for text in texts if "Supervisor gave up" in text]
    assert "order_processor: it ended soon after start (within 5 s) 4 times in a row" in gave_up
    assert "RuntimeError: injected crash soon after start" in gave_up
