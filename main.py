"""Entry point: settings, logging, database, Telegram client, supervisor; the exit code.

    python main.py                  run the bot (the sandbox, see below, when in
                                    development no Telegram credential is set)
    python main.py --sandbox        the sandbox: the real app on a fake Telegram, with a
                                    web chat at http://127.0.0.1:HTTP_PORT/ (sandbox/)
    python main.py --sandbox-reset  the sandbox, started clean
    python main.py check [--online] the production checklist (runtime/checklist/)

Exit codes: 0 after a graceful stop (SIGTERM/SIGINT), 1 when the supervisor gave
up or the start failed, 2 when the configuration is invalid or incomplete (in
production, or only some of BOT_TOKEN, API_ID, API_HASH set; the sandbox asked for in
production). `check`: 0 when every line holds, 1 when one does not, 2 when the
configuration is invalid. The sandbox package is imported only when the sandbox runs.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

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
from models import telegram_sessions
from models.user_statuses import UserStatusCache
from runtime.cache import Cache, open_cache
from runtime.checklist import run_checklist
from runtime.checklist.runner import ONLINE_TIMEOUT
from runtime.database import open_database
from runtime.db_engine import DatabaseEngine
from runtime.db_watch import DatabaseWatch
from runtime.gc_policy import settle_heap
from runtime.http_server import HttpMount
from runtime.lease import Lease, build_lease
from runtime.logs import configure_from_settings
from runtime.standby_http import serve_standby
from runtime.telegram import ClientFactory, production_client_factory, running_client

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
TELEGRAM_CREDENTIALS = ("BOT_TOKEN", "API_ID", "API_HASH")

MISSING_CREDENTIALS_HELP = (
    "Telegram credentials are missing: {missing}.\n"
    "Put them in .env (see .env.example):\n"
    "  BOT_TOKEN=<the token @BotFather gave you>\n"
    "  API_ID=<api_id from https://my.telegram.org>\n"
    "  API_HASH=<api_hash from https://my.telegram.org>"
)
PARTIAL_CREDENTIALS_HINT = (
    "\n(With none of the three set, development runs the sandbox: `python main.py --sandbox`.)"
)
SANDBOX_IN_PRODUCTION = (
    "The sandbox does not run with ENVIRONMENT=production: it is a local playground "
    "(a fake Telegram). Set ENVIRONMENT=development to use it."
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
    #: Each user's ban and language, cached in process (models/user_statuses.py).
    statuses: UserStatusCache | None = None


class LeaseLost(Exception):
    """Raised when the active process lost its lease (see runtime/lease.py): it stopped
    talking to Telegram at once, since a standby may hold the lease already."""

    def __init__(self) -> None:
        super().__init__("the lease was lost: stopped at once so that a standby takes over")


async def serve(
    settings: Settings,
    client_factory: ClientFactory,
    *,
    observer: UpdateObserver | None = None,
    lease: Lease | None = None,
    http_mounts: Sequence[HttpMount] = (),
    settle_gc: bool = False,
    task_status: TaskStatus[RunningBot] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Runs the bot until SIGTERM or SIGINT; raises SupervisorGaveUp if it gives up.

    The process first waits for the lease (`lease`, by default the one `build_lease`
    makes for the token's bot) as a standby: only the holder builds the Telegram client
    and starts the actors, and it releases the lease only after the client stopped.
    `http_mounts` are served beside /health and /metrics (by the metrics collector).
    `settle_gc` (the process's own bot, not tests that run many) takes the start-up
    heap out of the garbage collector and makes full collections rare once every actor
    is ready (runtime/gc_policy.py).
    The signal receiver opens first, so a signal that arrives while the bot is still
    starting is kept and handled as soon as it has started; a signal to a standby
    ends it at once.
    """
    lease = lease or build_lease(settings, settings.bot_user_id)
    with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async with open_database(settings) as engine, open_cache(settings) as cache:
            if await wait_for_lease(settings, lease, signals):
                try:
                    await run_until_signal(
                        settings,
                        client_factory,
                        signals,
                        observer,
                        task_status,
                        engine=engine,
                        cache=cache,
                        lease=lease,
                        http_mounts=http_mounts,
                        settle_gc=settle_gc,
                    )
                finally:
                    await lease.release()
    logger.info("stopped")


async def wait_for_lease(settings: Settings, lease: Lease, signals: AsyncIterator[int]) -> bool:
    """Stand by (answering `/health` as "standby") until this process holds the lease:
    True then, False when a signal came first."""
    if await lease.try_acquire():
        logger.info("holding the lease: this process talks to Telegram")
        return True
    logger.info("standing by: another process holds the lease")
    acquired = False
    stop_http = anyio.Event()
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(serve_standby, settings.http_host, settings.http_port, stop_http)
        with anyio.CancelScope() as waiting:

            async def stop_on_signal() -> None:
                received = await first_signal(signals)
                logger.info("{} received while standing by, stopping", received.name)
                waiting.cancel()

            async with anyio.create_task_group() as racing:
                racing.start_soon(stop_on_signal)
                await lease.acquire()
                acquired = True
                racing.cancel_scope.cancel()
        stop_http.set()  # frees the port before the metrics collector binds it
    if acquired:
        logger.info("took over the lease: this process talks to Telegram now")
    return acquired


async def run_until_signal(
    settings: Settings,
    client_factory: ClientFactory,
    signals: AsyncIterator[int],
    observer: UpdateObserver | None,
    task_status: TaskStatus[RunningBot],
    *,
    engine: DatabaseEngine,
    cache: Cache,
    lease: Lease,
    http_mounts: Sequence[HttpMount] = (),
    settle_gc: bool = False,
) -> None:
    """The active process: the client, the update gate and the supervisor, until a
    signal (a graceful stop) or the lease's loss (raises LeaseLost at once)."""
    client = client_factory()
    stream = UpdateGate(client, capacity=UPDATE_INBOX)
    database = watch_database(settings, engine)
    statuses = UserStatusCache()
    supervisor, metrics = build_supervisor(
        settings,
        client,
        engine,
        cache,
        observer=observer,
        stream=stream,
        database=database,
        http_mounts=http_mounts,
        statuses=statuses,
    )
    bridge = UpdateBridge(supervisor.mailboxes.clone_sender(UPDATE_READER))
    bridge.attach(client)
    async with running_client(client), anyio.create_task_group() as tasks:
        tasks.start_soon(stop_when_lost, lease, tasks.cancel_scope)
        await tasks.start(stream.run)
        await tasks.start(supervisor.run)
        if settle_gc:
            logger.debug("{} start-up objects frozen out of the collector", settle_heap())
        logger.success("✓ Bot started successfully")
        task_status.started(RunningBot(supervisor, metrics.bound_port, stream, database, statuses))
        received = await first_signal(signals)
        logger.info("{} received, stopping", received.name)
        bridge.close()
        await supervisor.shutdown()
        await stream.close()
        tasks.cancel_scope.cancel()  # the lease watch
    if lease.lost.is_set():
        raise LeaseLost


async def stop_when_lost(lease: Lease, scope: anyio.CancelScope) -> None:
    """Watch the lease; once it is lost, cancel everything at once (no graceful drain:
    a standby may be talking to Telegram already; what was not done is persisted)."""
    await lease.watch()
    if lease.lost.is_set():
        scope.cancel()


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="The shop bot.")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="run the shop on a fake Telegram with a web chat (no credentials, no network)",
    )
    parser.add_argument(
        "--sandbox-reset",
        action="store_true",
        help="the sandbox, after deleting its shop database and saved world",
    )
    commands = parser.add_subparsers(dest="command", metavar="{check}")
    check = commands.add_parser(
        "check", help="check the configuration and the servers against the production checklist"
    )
    check.add_argument(
        "--online", action="store_true", help="also log the bot in to Telegram (needs network)"
    )
    check.add_argument(
        "--online-timeout",
        type=float,
        default=ONLINE_TIMEOUT,
        metavar="SECONDS",
        help=f"how long the login may take (default {ONLINE_TIMEOUT:g})",
    )
    check.add_argument(
        "--env-file", type=Path, default=Path(".env"), help="the .env file (default .env)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    if arguments.command == "check":
        return run_checklist(
            arguments.env_file, online=arguments.online, online_timeout=arguments.online_timeout
        )
    return run(sandbox=arguments.sandbox or arguments.sandbox_reset, reset=arguments.sandbox_reset)


def run(*, sandbox: bool = False, reset: bool = False) -> int:
    settings = settings_or_explain()
    if settings is None:
        return EXIT_CONFIG
    configure_from_settings(settings)
    if sandbox and settings.environment == "production":
        logger.error(SANDBOX_IN_PRODUCTION)
        return EXIT_CONFIG
    missing = settings.missing_telegram_credentials()
    development = settings.environment == "development"
    if sandbox or (development and len(missing) == len(TELEGRAM_CREDENTIALS)):
        return run_sandbox(settings, reset=reset)
    if missing:
        help_text = MISSING_CREDENTIALS_HELP + (PARTIAL_CREDENTIALS_HINT if development else "")
        logger.error(help_text, missing=", ".join(missing))
        return EXIT_CONFIG
    return run_until_stopped(settings)


def run_sandbox(settings: Settings, *, reset: bool) -> int:
    """The sandbox (sandbox/run.py) until it stops; imported here, so a live bot never
    imports it."""
    from sandbox.run import serve_sandbox

    return run_to_exit_code(partial(serve_sandbox, settings, reset=reset))


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
    factory = client_factory or production_client_factory(settings, session_store=telegram_sessions)
    return run_to_exit_code(partial(serve, settle_gc=True), settings, factory)


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
