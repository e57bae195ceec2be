"""Entry point: settings, logging, database, Telegram client, supervisor; the exit code.

Exit codes: 0 after a graceful stop (SIGTERM/SIGINT), 1 when the supervisor gave
up or the start failed, 2 when the configuration is invalid or incomplete.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import anyio
from anyio.abc import TaskStatus
from loguru import logger

from actors.app import UPDATE_INBOX, build_supervisor, watch_database
from actors.names import UPDATE_READER
from actors.supervisor import Supervisor, SupervisorGaveUp
from actors.updates.bridge import UpdateBridge
from actors.updates.gate import UpdateGate
from actors.updates.reader import UpdateObserver
from config import Settings, SettingsError, load_settings
from runtime.cache import open_cache
from runtime.database import open_database
from runtime.db_watch import DatabaseWatch
from runtime.logs import configure_from_settings
from runtime.telegram import ClientFactory, production_client_factory, running_client

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2

MISSING_CREDENTIALS_HELP = (
    "Telegram credentials are missing: {missing}.\n"
    "Put them in .env (see .env.example):\n"
    "  BOT_TOKEN=<the token @BotFather gave you>\n"
    "  API_ID=<api_id from https://my.telegram.org>\n"
    "  API_HASH=<api_hash from https://my.telegram.org>"
)


async def first_signal(signals: AsyncIterator[int]) -> signal.Signals:
    async for received in signals:
        return signal.Signals(received)
    raise RuntimeError("the signal receiver closed")  # pragma: no cover - never ends


@dataclass(frozen=True)
class RunningBot:
    """What `serve` reports once every actor is ready (tests read the port from it)."""

    supervisor: Supervisor
    http_port: int | None
    updates: UpdateGate
    database: DatabaseWatch | None = None


async def serve(
    settings: Settings,
    client_factory: ClientFactory,
    *,
    observer: UpdateObserver | None = None,
    task_status: TaskStatus[RunningBot] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Runs the bot until SIGTERM or SIGINT; raises SupervisorGaveUp if it gives up.

    The signal receiver opens first, so a signal that arrives while the bot is still
    starting is kept and handled as soon as it has started.
    """
    with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        await run_until_signal(settings, client_factory, signals, observer, task_status)
    logger.info("stopped")


async def run_until_signal(
    settings: Settings,
    client_factory: ClientFactory,
    signals: AsyncIterator[int],
    observer: UpdateObserver | None,
    task_status: TaskStatus[RunningBot],
) -> None:
    async with open_database(settings) as engine, open_cache(settings) as cache:
        client = client_factory()
        stream = UpdateGate(client, capacity=UPDATE_INBOX)
        database = watch_database(settings, engine)
        supervisor, metrics = build_supervisor(
            settings, client, engine, cache, observer=observer, stream=stream, database=database
        )
        bridge = UpdateBridge(supervisor.mailboxes.clone_sender(UPDATE_READER))
        bridge.attach(client)
        async with running_client(client), anyio.create_task_group() as tasks:
            await tasks.start(stream.run)
            await tasks.start(supervisor.run)
            logger.success("✓ Bot started successfully")
            task_status.started(RunningBot(supervisor, metrics.bound_port, stream, database))
            received = await first_signal(signals)
            logger.info("{} received, stopping", received.name)
            bridge.close()
            await supervisor.shutdown()
            await stream.close()


def main() -> int:
    settings = settings_or_explain()
    if settings is None:
        return EXIT_CONFIG
    configure_from_settings(settings)
    missing = settings.missing_telegram_credentials()
    if missing:
        logger.error(MISSING_CREDENTIALS_HELP, missing=", ".join(missing))
        return EXIT_CONFIG
    return run_until_stopped(settings)


def settings_or_explain() -> Settings | None:
    """The settings, or None after printing one line per problem to stderr (logging is
    not configured yet: its own settings may be the bad ones)."""
    try:
        return load_settings()
    except SettingsError as error:
        print("Configuration error (.env or environment):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return None


def run_until_stopped(settings: Settings, client_factory: ClientFactory | None = None) -> int:
    """Runs the bot in a new event loop until it stops; returns the exit code."""
    factory = client_factory or production_client_factory(settings)
    return run_to_exit_code(serve, settings, factory)


def run_to_exit_code(entry: Callable[..., Awaitable[None]], *args: object) -> int:
    """Runs `entry(*args)` on anyio's asyncio backend; the process's exit code."""
    exit_code = EXIT_OK
    try:
        anyio.run(entry, *args, backend="asyncio")
    except* SupervisorGaveUp as gave_up:
        logger.critical("the supervisor gave up: {}", gave_up.exceptions[0])
        exit_code = EXIT_FAILED
    except* Exception as failure:  # noqa: BLE001 - logged, and the exit code says it
        # Logged through loguru so the traceback is scrubbed of secrets.
        logger.opt(exception=failure.exceptions[0]).critical("the bot stopped on an error")
        exit_code = EXIT_FAILED
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
