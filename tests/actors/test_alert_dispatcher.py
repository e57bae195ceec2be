"""Alerts reach every superadmin in Telegram (the fake), one message per incident."""

from __future__ import annotations

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream
from loguru import logger

from actors.alerts.dispatcher import AlertDispatcher
from actors.alerts.folding import AlertFolds
from actors.supervisor import (
    ActorContext,
    ActorStart,
    Backoff,
    ChildSpec,
    MailboxSpec,
    Restart,
    Supervisor,
    SupervisorFlags,
)
from fake_telegram import FakeTelegram
from runtime.alerts import AlertChannel
from runtime.cache import RedisCache
from runtime.scrubbing import SecretScrubber
from runtime.telegram import running_client

OWNER, PARTNER = 700_001, 700_002
SECRET = "s3cr3t-database-password"


def crashing_child(times: int) -> tuple[ChildSpec, anyio.Event]:
    """A child that crashes on its first `times` runs, then settles."""
    settled = anyio.Event()

    async def run(ctx: ActorContext) -> None:
        ctx.ready()
        if ctx.run_number < times:
            raise ConnectionError(f"lost the database (password {SECRET})")
        settled.set()
        await ctx.stopping.wait()

    return ChildSpec("order_processor", run, Restart.PERMANENT), settled


async def run_with_alerts(
    tg: FakeTelegram, crashes: int, superadmins: list[int], folds: AlertFolds | None = None
) -> None:
    child, settled = crashing_child(crashes)
    async with running_client(tg.make_client()) as client:
        dispatcher = AlertDispatcher(
            client, superadmins, SecretScrubber([SECRET]), folds or AlertFolds()
        )
        supervisor = Supervisor(
            [ChildSpec("alert_dispatcher", dispatcher.run), child],
            SupervisorFlags(intensity=10, backoff=Backoff(initial=0.001, jitter=0)),
            [MailboxSpec("alert_dispatcher", 100)],
            alerts_mailbox="alert_dispatcher",
        )
        with anyio.fail_after(10):
            async with anyio.create_task_group() as tasks:
                await tasks.start(supervisor.run)
                await settled.wait()
                await supervisor.shutdown()  # drains the alert inbox before it ends


async def test_one_crash_is_exactly_one_alert_for_every_superadmin(
    fake_telegram: FakeTelegram,
) -> None:
    owner = fake_telegram.user(OWNER, lang="ru", first_name="Owner")
    partner = fake_telegram.user(PARTNER, lang="en", first_name="Partner")

    await run_with_alerts(fake_telegram, crashes=1, superadmins=[OWNER, PARTNER])

    for superadmin in (owner, partner):
        assert len(superadmin.messages) == 1
        text = superadmin.last_message.text
        assert "CRITICAL" in text and "order_processor" in text
        assert "ConnectionError" in text
        assert SECRET not in text and "***" in text


async def test_a_crash_loop_is_one_message_and_one_summary_not_a_storm(
    fake_telegram: FakeTelegram,
) -> None:
    owner = fake_telegram.user(OWNER, lang="ru", first_name="Owner")

    await run_with_alerts(fake_telegram, crashes=4, superadmins=[OWNER])

    first, summary = [message.text for message in owner.messages]
    assert "Actor order_processor crashed: ConnectionError" in first
    # Held back, and reported when the dispatcher stopped.
    assert "3 more like this" in summary and "crash:order_processor" in summary


async def test_a_superadmin_who_blocked_the_bot_does_not_stop_alerts_to_the_others(
    fake_telegram: FakeTelegram,
) -> None:
    fake_telegram.user(OWNER, lang="ru", first_name="Owner")
    partner = fake_telegram.user(PARTNER, lang="en", first_name="Partner")
    fake_telegram.block(OWNER)

    await run_with_alerts(fake_telegram, crashes=1, superadmins=[OWNER, PARTNER])

    assert len(partner.messages) == 1


async def test_with_no_superadmins_alerts_are_logged_not_lost_silently(
    fake_telegram: FakeTelegram,
) -> None:
    seen: list[str] = []
    sink = logger.add(lambda message: seen.append(message.record["message"]), level="WARNING")
    try:
        await run_with_alerts(fake_telegram, crashes=1, superadmins=[])
    finally:
        logger.remove(sink)
    assert any(line.startswith("no SUPERADMIN_IDS; alert:") for line in seen)


# -- storms and root causes -------------------------------------------------------------


def crashing_on_demand(run: ActorStart, kicks: MemoryObjectReceiveStream[None]) -> ActorStart:
    """The alert dispatcher, crashed (from outside) each time the test sends a kick."""

    async def crash_on_kick() -> None:
        await kicks.receive()
        raise RuntimeError("injected crash of the alert dispatcher")

    async def start(ctx: ActorContext) -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(crash_on_kick)
            await run(ctx)
            tasks.cancel_scope.cancel()

    return start


async def test_a_storm_with_the_dispatcher_itself_crashing_is_a_bounded_few_messages(
    fake_telegram: FakeTelegram,
) -> None:
    """40 crashes of the order processor, and the alert dispatcher crashed 10 times in
    between: one message per alert key per fold window (the first at once) plus one
    summary per key ("N more like this"), so at most 4 messages here, not one per
    restart of the dispatcher."""
    owner = fake_telegram.user(OWNER, lang="en", first_name="Owner")
    kick, kicks = anyio.create_memory_object_stream[None](100)
    settled = anyio.Event()

    async def order_processor(ctx: ActorContext) -> None:
        ctx.ready()
        if ctx.run_number < 40:
            if ctx.run_number % 4 == 1:
                kick.send_nowait(None)
            raise ConnectionError(f"lost the database (run {ctx.run_number})")
        settled.set()
        await ctx.stopping.wait()

    async with running_client(fake_telegram.make_client()) as client:
        dispatcher = AlertDispatcher(client, [OWNER], SecretScrubber([SECRET]))
        supervisor = Supervisor(
            [
                ChildSpec("alert_dispatcher", crashing_on_demand(dispatcher.run, kicks)),
                ChildSpec("order_processor", order_processor),
            ],
            SupervisorFlags(
                intensity=1000,
                max_short_runs=1000,
                backoff=Backoff(initial=0.001, maximum=0.01, jitter=0),
            ),
            [MailboxSpec("alert_dispatcher", 1000)],
            alerts_mailbox="alert_dispatcher",
        )
        with anyio.fail_after(20):
            async with anyio.create_task_group() as tasks:
                await tasks.start(supervisor.run)
                await settled.wait()
                await supervisor.shutdown()
    kick.close()
    kicks.close()

    assert supervisor.stats.crashes["alert_dispatcher"] == 10
    texts = [message.text for message in owner.messages]
    assert 2 <= len(texts) <= 4, texts
    assert any("more like this" in text and "order_processor" in text for text in texts)


async def test_a_crash_inside_a_task_group_is_alerted_by_its_root_cause(
    fake_telegram: FakeTelegram,
) -> None:
    owner = fake_telegram.user(OWNER, lang="en", first_name="Owner")
    settled = anyio.Event()

    async def boom() -> None:
        raise ValueError(f"boom (password {SECRET})")

    async def order_processor(ctx: ActorContext) -> None:
        ctx.ready()
        if ctx.run_number == 0:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(boom)
                await anyio.sleep_forever()
        settled.set()
        await ctx.stopping.wait()

    async with running_client(fake_telegram.make_client()) as client:
        dispatcher = AlertDispatcher(client, [OWNER], SecretScrubber([SECRET]))
        supervisor = Supervisor(
            [
                ChildSpec("alert_dispatcher", dispatcher.run),
                ChildSpec("order_processor", order_processor),
            ],
            SupervisorFlags(intensity=10, backoff=Backoff(initial=0.001, jitter=0)),
            [MailboxSpec("alert_dispatcher", 100)],
            alerts_mailbox="alert_dispatcher",
        )
        with anyio.fail_after(10):
            async with anyio.create_task_group() as tasks:
                await tasks.start(supervisor.run)
                await settled.wait()
                await supervisor.shutdown()

    [message] = owner.messages
    assert "ValueError: boom (password ***)" in message.text
    assert "ExceptionGroup" not in message.text and "TaskGroup" not in message.text
    assert f"{__name__}:" in message.text  # where it was raised
    assert SECRET not in message.text


async def test_a_process_restarted_in_a_crash_loop_does_not_alert_the_same_crash_again(
    fake_telegram: FakeTelegram, redis_cache: RedisCache
) -> None:
    """Two lifetimes of the process (a new `AlertFolds` each, as `build_supervisor` makes
    one per process) on the same Redis: the second only adds to the summary."""
    owner = fake_telegram.user(OWNER, lang="en", first_name="Owner")

    await run_with_alerts(fake_telegram, 3, [OWNER], AlertFolds(cache=redis_cache))
    first_life = [message.text for message in owner.messages]
    await run_with_alerts(fake_telegram, 3, [OWNER], AlertFolds(cache=redis_cache))
    second_life = [message.text for message in owner.messages][len(first_life) :]

    assert len(first_life) == 2  # the crash, and the summary of 2 more at the stop
    [summary] = second_life
    assert summary.splitlines()[1].startswith("3 more like this")


async def test_fifteen_identical_alerts_in_a_minute_are_one_message_and_one_summary(
    fake_telegram: FakeTelegram,
) -> None:
    owner = fake_telegram.user(OWNER, lang="en", first_name="Owner")
    async with running_client(fake_telegram.make_client()) as client:
        dispatcher = AlertDispatcher(client, [OWNER], SecretScrubber([]), AlertFolds())
        supervisor = Supervisor(
            [ChildSpec("alert_dispatcher", dispatcher.run)],
            SupervisorFlags(intensity=10),
            [MailboxSpec("alert_dispatcher", 100)],
            alerts_mailbox="alert_dispatcher",
        )
        alerts = AlertChannel(supervisor.mailboxes.original_sender("alert_dispatcher"))
        with anyio.fail_after(10):
            async with anyio.create_task_group() as tasks:
                await tasks.start(supervisor.run)
                for _ in range(15):
                    assert alerts.send_critical_alert("Payment provider unreachable", {"n": 1})
                await supervisor.shutdown()  # drains the inbox, then sends the summary

    first, summary = [message.text for message in owner.messages]
    assert first.splitlines()[:2] == ["🚨 CRITICAL · app", "Payment provider unreachable"]
    assert "time: " in first
    assert summary.splitlines()[1].startswith("14 more like this in the last 1 min")
