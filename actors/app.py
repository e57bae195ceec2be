"""Wires the five actors under one supervisor: the only place that knows them all.

Start order is the list order, stop order its reverse, so the update reader (last)
stops first and the others drain what it sent them. The worst case of a stop (every
actor ignoring it until its timeout) stays within the 10 s `main.py` promises: 6.5 s for
the actors here, then `actors.updates.gate.CLOSE_TIMEOUT` (the last progress stored),
`runtime.telegram.CLIENT_STOP_TIMEOUT` and `runtime.database.POOL_CLOSE_GRACE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from piccolo.engine.base import Engine
from pyrogram import Client

from actors.alerts.dispatcher import AlertDispatcher
from actors.alerts.error_burst import ErrorBurstWatch
from actors.alerts.folding import AlertFolds
from actors.alerts.outage_alerts import cache_alert, database_alert
from actors.broadcast.sender import BroadcastSender
from actors.mailboxes import Mailboxes, MailboxSpec
from actors.metrics.collector import MetricsCollector
from actors.metrics.disk_watch import DiskWatch
from actors.metrics.series import ShopSeries
from actors.metrics.status import ProcessStatus
from actors.metrics.telegram_meter import SessionFloodWaits, TelegramMeter
from actors.names import (
    ALERT_DISPATCHER,
    BROADCAST_SENDER,
    METRICS_COLLECTOR,
    ORDER_PROCESSOR,
    UPDATE_READER,
)
from actors.orders.processor import OrderProcessor
from actors.supervisor import (
    Backoff,
    ChildSpec,
    Restart,
    Strategy,
    Supervisor,
    SupervisorFlags,
)
from actors.updates.gate import UpdateGate
from actors.updates.reader import UpdateObserver, UpdateReader, callback_secret
from bot.callbacks import CallbackCodec
from bot.routes import build_router
from config import Settings
from models.user_activity import UserActivity
from models.user_statuses import UserStatusCache
from runtime.alerts import AlertChannel
from runtime.backoff import RetryPolicy
from runtime.cache import Cache, ResilientCache
from runtime.database import database_is_up
from runtime.db_watch import DatabaseWatch, select_one
from runtime.http_server import HttpMount
from runtime.scrubbing import SecretScrubber
from web_admin import web_admin_mounts

#: The update reader's inbox; the update gate keeps no more updates in memory than this.
UPDATE_INBOX = 1_000

MAILBOXES = (
    MailboxSpec(METRICS_COLLECTOR, 10_000),
    MailboxSpec(ALERT_DISPATCHER, 1_000),
    MailboxSpec(ORDER_PROCESSOR, 1_000),
    MailboxSpec(BROADCAST_SENDER, 100),
    MailboxSpec(UPDATE_READER, UPDATE_INBOX),
)

#: OTP's limit (more than 10 restarts in any 60 s) stops a fast crash loop (a child that
#: crashes at once gives up after ~53 s); once the backoff reaches its 10 s cap a child
#: crashing 1.5 s after each start restarts only ~6 times a minute, so the second limit
#: catches that: its 11th run in a row shorter than 30 s gives up (~70 s, < 2 minutes).
FLAGS = SupervisorFlags(
    strategy=Strategy.ONE_FOR_ONE,
    intensity=10,
    period=60.0,
    backoff=Backoff(initial=0.2, maximum=10.0, factor=2.0, jitter=0.2),
    min_uptime=30.0,
    max_short_runs=10,
)


def watch_database(settings: Settings, engine: Engine[Any]) -> DatabaseWatch:
    """The process's `DatabaseWatch`: `SELECT 1` probes, waits up to RETRY_MAX_WAIT."""
    return DatabaseWatch(select_one(engine), RetryPolicy.up_to(settings.retry_max_wait))


CHILD_IDS = [METRICS_COLLECTOR, ALERT_DISPATCHER, ORDER_PROCESSOR, BROADCAST_SENDER, UPDATE_READER]


def build_supervisor(
    settings: Settings,
    client: Client,
    engine: Engine[Any],
    cache: Cache,
    *,
    observer: UpdateObserver | None = None,
    flags: SupervisorFlags = FLAGS,
    stream: UpdateGate | None = None,
    database: DatabaseWatch | None = None,
    http_mounts: Sequence[HttpMount] = (),
    statuses: UserStatusCache | None = None,
) -> tuple[Supervisor, MetricsCollector]:
    """The supervisor with the five actors; the metrics collector is returned too, so
    callers (and tests) can read the port it bound. `database` (made from `engine` when
    not given) is how the actors ride out database outages. With WEB_ADMIN=true the web
    admin (`web_admin`) is served first, before `http_mounts`."""
    scrubber = SecretScrubber(settings.secret_values())
    database = database or watch_database(settings, engine)
    # Made once per process: counts and the alert channel outlive the actors' restarts.
    mailboxes = Mailboxes(MAILBOXES)
    alerts = AlertChannel(mailboxes.original_sender(ALERT_DISPATCHER))
    series = ShopSeries()
    meter = TelegramMeter(series, alerts, long_flood=settings.alert_flood_wait)
    meter.install(client)
    status = ProcessStatus(CHILD_IDS, partial(database_is_up, engine), cache, engine, meter, alerts)
    log_directory = settings.log_file_path.parent if settings.log_file_path else Path(".")
    metrics = MetricsCollector(
        settings.http_host,
        settings.http_port,
        partial(database_is_up, engine),
        cache,
        CHILD_IDS,
        updates=stream.load if stream is not None else None,
        background=[database.run, *([cache.run] if isinstance(cache, ResilientCache) else [])],
        status=status,
        series=series,
        disk=DiskWatch(log_directory, settings.alert_disk_percent, alerts),
        errors=ErrorBurstWatch(alerts, settings.alert_error_burst),
        check_every=settings.disk_check_every,
        session_waits=SessionFloodWaits(meter, client.name),
        mounts=[*(web_admin_mounts(settings, client) if settings.web_admin else ()), *http_mounts],
    )
    children = [
        ChildSpec(METRICS_COLLECTOR, metrics.run, Restart.PERMANENT, shutdown=0.5),
        ChildSpec(
            ALERT_DISPATCHER,
            # The fold state is made here, once: it outlives the dispatcher's restarts,
            # and through the cache (Redis when configured) the process's.
            AlertDispatcher(client, settings.superadmin_ids, scrubber, AlertFolds(cache=cache)).run,
            Restart.PERMANENT,
            shutdown=1.5,
        ),
        ChildSpec(
            ORDER_PROCESSOR,
            OrderProcessor(
                client, settings, CallbackCodec(callback_secret(settings)), database=database
            ).run,
            Restart.PERMANENT,
            shutdown=1.5,
        ),
        ChildSpec(
            BROADCAST_SENDER,
            BroadcastSender(
                client,
                settings.broadcast_rate,
                CallbackCodec(callback_secret(settings)),
                paid=settings.broadcast_paid,
                database=database,
            ).run,
            Restart.PERMANENT,
            shutdown=1.0,
        ),
        ChildSpec(
            UPDATE_READER,
            UpdateReader(
                client,
                build_router(),
                settings,
                cache,
                observer,
                stream=stream,
                database=database,
                series=series,
                alert_channel=alerts,
                status=status,
                statuses=UserStatusCache() if statuses is None else statuses,
                activity=UserActivity(),
            ).run,
            Restart.PERMANENT,
            shutdown=2.0,
        ),
    ]
    assert [child.id for child in children] == CHILD_IDS
    supervisor = Supervisor(children, flags, mailboxes, alerts_mailbox=ALERT_DISPATCHER)
    metrics.supervisor = supervisor
    status.supervisor = supervisor
    database.listen(lambda change: _ignore(alerts.send(database_alert(change))))
    if isinstance(cache, ResilientCache):
        cache.listen(lambda change: _ignore(alerts.send(cache_alert(change))))
    return supervisor, metrics


def _ignore(_sent: bool) -> None:
    """A listener returns nothing: whether the alert was queued is counted already."""
