"""The sandbox's web chat on a running app: the `running_web_chat` and `running_sandbox_chat`
fixtures.

`running_web_chat`: the whole app (`running_bot`) on SQLite with the demo catalogue, the
shop channel, the sandbox's four personas (the admin and the superadmin made so by the
settings) and the web chat mounted at the root of its HTTP port, as `python main.py
--sandbox` serves it (tests that inject failures or a payment token use it).
`running_sandbox_chat`: the sandbox itself (`sandbox.run.serve_sandbox`, what `make run`
starts on a fresh clone), for the journeys a visitor makes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from main import RunningBot
from models.demo_catalogue import seed_demo_catalogue
from runtime.http_server import HttpMount
from sandbox.personas import ADMIN, SUPERADMIN
from sandbox.web.app import build_web_chat
from sandbox.world import SandboxWorld
from tests.fixtures.app import bot_settings, running_bot
from tests.fixtures.sandbox import running_sandbox, sandbox_base_settings

#: What Emma (the English shopper) presses, after /start, to order a cap for pickup.
ORDER_A_CAP = (
    "🛍 Catalogue",
    "Аксессуары",
    "Кепка · 1\xa0290\xa0₽",
    "One size",
    "1",
    "🛒 Go to cart",
    "✅ Checkout",
    "Emma",
    "📱 Share my number",
    "🏬 Pickup",
    "Skip",
    "✅ Confirm",
)


@dataclass(frozen=True)
class WebChat:
    url: str  # "http://127.0.0.1:PORT/"
    world: SandboxWorld
    bot: RunningBot

    @property
    def telegram(self) -> FakeTelegram:
        return self.world.telegram


@asynccontextmanager
async def web_chat(
    database: Settings, tg: FakeTelegram, photos: Path, **overrides: object
) -> AsyncIterator[WebChat]:
    """The app with the web chat mounted; `overrides`: more settings (a payment token)."""
    channel = tg.add_channel("Shop channel", username="sandbox_shop")
    world = SandboxWorld(tg, channel.chat_id)
    settings = bot_settings(
        database,
        admin_ids=[ADMIN.user_id],
        superadmin_ids=[SUPERADMIN.user_id],
        channel_id=channel.chat_id,
        **overrides,
    )
    mounts = [HttpMount("", build_web_chat(world))]
    async with running_bot(settings, tg, http_mounts=mounts) as bot:
        assert await seed_demo_catalogue(photos)
        yield WebChat(f"http://127.0.0.1:{bot.http_port}/", world, bot)


@pytest.fixture
async def running_web_chat(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> AsyncIterator[WebChat]:
    async with web_chat(sqlite_database, fake_telegram, tmp_path / "demo_photos") as chat:
        yield chat


@pytest.fixture
async def running_sandbox_chat(tmp_path: Path) -> AsyncIterator[WebChat]:
    async with running_sandbox(sandbox_base_settings(tmp_path)) as sandbox:
        yield WebChat(sandbox.address, sandbox.world, sandbox.bot)
