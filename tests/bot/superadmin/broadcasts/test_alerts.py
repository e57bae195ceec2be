"""The sender on its own (a supervisor with just it): a stalled broadcast and a failed one
raise an `Alert` for the superadmins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import pytest
from anyio.streams.memory import MemoryObjectReceiveStream

from actors.broadcast.job import JobSettings
from actors.broadcast.sender import BroadcastSender
from actors.mailboxes import MailboxSpec
from actors.messages import Alert, Severity
from actors.names import ALERT_DISPATCHER, BROADCAST_SENDER, METRICS_COLLECTOR
from actors.supervisor import ChildSpec, Supervisor, SupervisorFlags
from bot.callbacks import CallbackCodec
from config import Settings
from fake_telegram import FakeTelegram
from models.broadcasts import FAILED, RUNNING, Audience, Broadcast, create_broadcast
from runtime.database import open_database
from runtime.telegram import running_client
from tests.bot.superadmin.broadcasts.helpers import add_users, recipients, wait_for_status
from tests.fixtures.app import SUPERADMIN

pytestmark = pytest.mark.postgres


@asynccontextmanager
async def sender_alone(
    tg: FakeTelegram, settings: JobSettings
) -> AsyncIterator[MemoryObjectReceiveStream[Alert]]:
    client = tg.make_client()
    sender = BroadcastSender(client, 20, CallbackCodec(b"test" * 8), job_settings=settings)
    supervisor = Supervisor(
        [ChildSpec(BROADCAST_SENDER, sender.run, shutdown=1.0)],
        SupervisorFlags(),
        [
            MailboxSpec(BROADCAST_SENDER, 10),
            MailboxSpec(ALERT_DISPATCHER, 100),
            MailboxSpec(METRICS_COLLECTOR, 1000),
        ],
    )
    alerts = supervisor.mailboxes.clone_receiver(ALERT_DISPATCHER)
    async with running_client(client), anyio.create_task_group() as tasks:
        await tasks.start(supervisor.run)
        yield alerts
        await supervisor.shutdown()
    alerts.close()


async def next_alert(alerts: MemoryObjectReceiveStream[Alert], key: str) -> Alert:
    with anyio.fail_after(10):
        async for alert in alerts:
            if alert.key == key:
                return alert
    raise AssertionError("no alert")


async def test_a_stalled_broadcast_is_an_alert(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with open_database(postgres_database):
        await add_users(tg, recipients(3))
        broadcast_id = await create_broadcast(SUPERADMIN, "Hi", audience=Audience(), status=RUNNING)
        tg.latency = 1.5  # every answer takes long: nothing gets done for a while
        settings = JobSettings(stall_after=0.5, progress_every=0.1)
        async with sender_alone(tg, settings) as alerts:
            alert = await next_alert(alerts, f"broadcast:{broadcast_id}:stalled")
    assert alert.severity is Severity.WARNING
    assert f"Broadcast #{broadcast_id} stalled" in alert.text


async def test_a_broadcast_telegram_cannot_send_fails_with_a_critical_alert(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with open_database(postgres_database):
        await add_users(tg, recipients(3))
        broadcast_id = await create_broadcast(SUPERADMIN, "Hi", audience=Audience(), status=RUNNING)
        await (
            Broadcast.update({Broadcast.photo_file_id: "not-a-file-id"})
            .where(Broadcast.id == broadcast_id)
            .run()
        )
        async with sender_alone(tg, JobSettings()) as alerts:
            alert = await next_alert(alerts, f"broadcast:{broadcast_id}:failed")
            failed = await wait_for_status(broadcast_id, FAILED, timeout=5)
    assert alert.severity is Severity.CRITICAL
    assert failed.error is not None and failed.error.startswith("PHOTO_INVALID")
    assert not tg.requests_named("messages.SendMedia")
