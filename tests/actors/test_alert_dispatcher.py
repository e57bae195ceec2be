"""Alerts reach every superadmin in Telegram (the fake), one message per incident."""

from __future__ import annotations

import anyio
from loguru import logger

from actors.alert_dispatcher import AlertDispatcher
from actors.supervisor import (
    ActorContext,
    Backoff,
    ChildSpec,
    MailboxSpec,
    Restart,
    Supervisor,
    SupervisorFlags,
)
from fake_telegram import FakeTelegram
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


async def run_with_alerts(tg: FakeTelegram, crashes: int, superadmins: list[int]) -> None:
    child, settled = crashing_child(crashes)
    async with running_client(tg.make_client()) as client:
        dispatcher = AlertDispatcher(client, superadmins, SecretScrubber([SECRET]))
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


async def test_a_crash_loop_is_one_message_not_a_storm(fake_telegram: FakeTelegram) -> None:
    owner = fake_telegram.user(OWNER, lang="ru", first_name="Owner")

    await run_with_alerts(fake_telegram, crashes=4, superadmins=[OWNER])

    assert len(owner.messages) == 1


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
