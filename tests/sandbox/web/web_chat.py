"""The sandbox's web chat on a running app: the `running_web_chat` fixture.

The whole app (`running_bot`) on SQLite with the demo catalogue, the shop channel, the
sandbox's four personas (the admin and the superadmin made so by the settings) and the
web chat mounted at the root of its HTTP port, as `python main.py --sandbox` serves it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
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


@dataclass(frozen=True)
class WebChat:
    url: str  # "http://127.0.0.1:PORT/"
    world: SandboxWorld
    bot: RunningBot

    @property
    def telegram(self) -> FakeTelegram:
        return self.world.telegram


@pytest.fixture
async def running_web_chat(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> AsyncIterator[WebChat]:
    channel = fake_telegram.add_channel("Shop channel", username="sandbox_shop")
    world = SandboxWorld(fake_telegram, channel.chat_id)
    settings = bot_settings(
        sqlite_database,
        admin_ids=[ADMIN.user_id],
        superadmin_ids=[SUPERADMIN.user_id],
        channel_id=channel.chat_id,
    )
    mounts = [HttpMount("", build_web_chat(world))]
    async with running_bot(settings, fake_telegram, http_mounts=mounts) as bot:
        assert await seed_demo_catalogue(tmp_path / "demo_photos")
        yield WebChat(f"http://127.0.0.1:{bot.http_port}/", world, bot)
