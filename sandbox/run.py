"""The sandbox process: the real application on the fake Telegram, with the web chat.

`serve_sandbox` loads the fake's saved world (sandbox/world_store.py), opens the shop
channel in it (a forum supergroup and its topic: CHANNEL_ID and CHANNEL_THREAD_ID),
derives the sandbox's settings (sandbox/settings.py), fills an empty catalogue with the
demo one, and runs `main.serve` (supervisor, the five actors, every handler, Kurigram)
against the fake, the web chat mounted at `/` beside /health and /metrics. The world is
saved every `SAVE_EVERY` seconds when it changed, and at the stop.

A snapshot saved while running may be a little behind the shop's database if the process
was then killed (and a world that could not be read, or was deleted, is behind a shop
that was kept); the fake's counters (pts, seq, message ids, random ids) are then moved
past anything the lost moments can have used, so the app never takes a new message for
one it already handled.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import anyio
from anyio.abc import TaskStatus
from loguru import logger

from config import Settings
from fake_telegram import FakeTelegram, World
from main import RunningBot, serve
from models.demo_catalogue import seed_demo_catalogue
from runtime.database import open_database
from runtime.http_server import ASGIApp, HttpMount
from runtime.lease import build_lease
from sandbox.personas import DEFAULT_PERSONAS
from sandbox.settings import SandboxPaths, sandbox_settings
from sandbox.world import SandboxWorld
from sandbox.world_store import Snapshot, WorldStore

WebChatFactory = Callable[[SandboxWorld], ASGIApp]

SAVE_EVERY = 2.0
#: How far the fake's counters move after a snapshot saved while running: more than the
#: messages, updates and queries a sandbox sees in SAVE_EVERY seconds.
LEAP = 100_000
SHOP_CHANNEL_RAW_ID = 1_700_000_000
SHOP_CHANNEL_TITLE = "Shop channel"
SHOP_TOPIC_TITLE = "New arrivals"

GO_LIVE = "to go live, put BOT_TOKEN, API_ID and API_HASH in .env (see .env.example)"


@dataclass(frozen=True)
class RunningSandbox:
    """What `serve_sandbox` reports once the app has started (tests use it)."""

    bot: RunningBot
    world: SandboxWorld
    address: str


def web_chat(world: SandboxWorld) -> ASGIApp:
    """The web chat (imported here: only a sandbox needs it)."""
    from sandbox.web.app import build_web_chat

    return build_web_chat(world)


async def serve_sandbox(
    settings: Settings,
    *,
    reset: bool = False,
    web_app_factory: WebChatFactory = web_chat,
    task_status: TaskStatus[RunningSandbox] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Runs the sandbox until SIGTERM or SIGINT (see the module docstring); `reset`
    deletes the sandbox's shop database and saved world first."""
    paths = SandboxPaths.of(settings)
    if reset:
        reset_sandbox(settings, paths)
    store = WorldStore(paths.world)
    world = open_world(store, settings, paths)
    telegram = world.telegram
    channel_id, thread_id = shop_channel(telegram)
    sandbox = sandbox_settings(settings, paths, channel_id=channel_id, channel_thread_id=thread_id)
    await seed_demo_once(sandbox, paths)

    def take() -> Snapshot:
        return Snapshot(telegram.world, world.personas, telegram.payments.invoices)

    def version() -> tuple[int, int]:
        return telegram.changes, len(world.personas)

    stopped_cleanly = False
    try:
        async with anyio.create_task_group() as tasks:

            async def run_app(*, task_status: TaskStatus[RunningBot]) -> None:
                try:
                    await serve(
                        sandbox,
                        telegram.client_factory(),
                        observer=telegram,
                        lease=build_lease(sandbox, telegram.bot_id),
                        http_mounts=[HttpMount("", web_app_factory(world))],
                        task_status=task_status,
                    )
                finally:
                    tasks.cancel_scope.cancel()  # the saver

            bot: RunningBot = await tasks.start(run_app)
            address = f"http://{sandbox.http_host}:{bot.http_port}/"
            logger.success("Sandbox: the shop on a fake Telegram at {} · {}", address, GO_LIVE)
            tasks.start_soon(keep_saved, store, take, version)
            task_status.started(RunningSandbox(bot, world, address))
        stopped_cleanly = True
    finally:
        store.save(store.encode(take()), clean=stopped_cleanly)
        logger.info("the sandbox's world is saved in {}", paths.world)
        telegram.close()


async def keep_saved(
    store: WorldStore,
    take: Callable[[], Snapshot],
    version: Callable[[], object],
    every: float = SAVE_EVERY,
) -> None:
    """Save the world every `every` seconds when `version()` says it changed (so a
    kill loses little, and an idle sandbox costs nothing). The world is pickled in the
    event loop (it must not change meanwhile), the file written in a worker thread."""
    saved = version()
    while True:
        await anyio.sleep(every)
        now = version()
        if now != saved:
            saved = now
            encoded = store.encode(take())
            await anyio.to_thread.run_sync(partial(store.save, encoded, clean=False))


def reset_sandbox(settings: Settings, paths: SandboxPaths) -> None:
    deleted = paths.reset()
    logger.info("sandbox reset: deleted {}", ", ".join(map(str, deleted)) or "nothing")
    if settings.uses_postgres:
        logger.warning(
            "the sandbox's shop is in PostgreSQL ({}): --sandbox-reset keeps it; "
            "drop and create that database for a clean shop",
            settings.postgres_db,
        )


def open_world(store: WorldStore, settings: Settings, paths: SandboxPaths) -> SandboxWorld:
    """The saved world and personas, or new ones, with the shop channel. A world that may
    be behind its shop (saved while running, then killed; or lost while the shop was
    kept) is moved on first (see the module docstring)."""
    snapshot = store.load()
    telegram = FakeTelegram(world=snapshot.world if snapshot is not None else World())
    channel_id, _thread_id = shop_channel(telegram)
    shop_is_new = not settings.uses_postgres and not paths.shop_database.exists()
    if (snapshot is None or not snapshot.clean) and not shop_is_new:
        leap_forward(telegram.world)
        logger.info("the sandbox's world may be behind its shop: its counters moved on")
    if snapshot is not None:
        telegram.payments.invoices.extend(snapshot.invoices)
    personas = list(snapshot.personas if snapshot is not None else DEFAULT_PERSONAS)
    return SandboxWorld(telegram, channel_id, personas)


def leap_forward(world: World) -> None:
    """Move every counter the app may have seen past what a lost moment can have used."""
    for box in world.mailboxes.values():
        box.pts += LEAP
        box.seq += LEAP
        box.next_message_id += LEAP
    for channel in world.channels.values():
        channel.pts += LEAP
        channel.next_message_id += LEAP
    world.next_grouped_id += LEAP
    world.rng = random.Random()


def shop_channel(telegram: FakeTelegram) -> tuple[int, int]:
    """The shop channel's Bot API id and its topic, opened in the fake on first start."""
    channel = telegram.world.channels.get(SHOP_CHANNEL_RAW_ID)
    if channel is None:
        channel = telegram.add_channel(
            SHOP_CHANNEL_TITLE, channel_id=SHOP_CHANNEL_RAW_ID, broadcast=False, forum=True
        )
    if not channel.topics:
        telegram.add_forum_topic(channel.chat_id, SHOP_TOPIC_TITLE)
    return channel.chat_id, min(channel.topics)


async def seed_demo_once(settings: Settings, paths: SandboxPaths) -> None:
    """The demo catalogue, when the shop has none yet (its first start)."""
    async with open_database(settings):
        if await seed_demo_catalogue(paths.photos):
            logger.info("the demo catalogue was added to the sandbox's shop")
