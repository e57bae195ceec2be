"""`python -m fake_telegram.remote_bot` exits with main.py's codes: 1 when the bot failed.

The crash is injected by a launcher (`python -c`) that makes one actor crash at every
start and restarts immediately, then runs `remote_bot.main` unchanged: no test hook in
the bot. The supervisor gives up within a second, and the process must say so.
"""

from __future__ import annotations

import sys
from pathlib import Path

import anyio
import pytest

from config import Settings
from fake_telegram import FakeTelegram
from fake_telegram.remote import connect_remote, serve_remote
from main import EXIT_FAILED
from tests.bot.superadmin.broadcasts.remote_bot import ROOT, bot_environment
from tests.fixtures.app import SUPERADMIN, bot_settings

CRASHING_LAUNCHER = """
import sys
import actors.orders.processor
import actors.supervision
from fake_telegram import remote_bot

async def crash_after_ready(self, ctx):
    ctx.ready()
    raise RuntimeError("injected crash")

actors.orders.processor.OrderProcessor.run = crash_after_ready
actors.supervision.Backoff.delay = lambda self, attempt, rng: 0.0
sys.exit(remote_bot.main(sys.argv[1:]))
"""


async def test_remote_bot_exits_1_when_the_supervisor_gives_up(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    settings = bot_settings(sqlite_database)
    environment = bot_environment(settings, SQLITE_PATH=str(settings.sqlite_path))
    fake_telegram.user(SUPERADMIN)
    log = tmp_path / "bot.log"
    async with serve_remote(fake_telegram) as address:
        with log.open("wb") as output:
            process = await anyio.open_process(
                [sys.executable, "-c", CRASHING_LAUNCHER, "--connect", address],
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
    text = log.read_text(errors="replace")
    assert "restart limit reached" in text or "gave up" in text, text[-3000:]
    assert exit_code == EXIT_FAILED, text[-3000:]


class Boom(Exception):
    """Raised by the test inside the connected block."""


async def test_an_error_inside_connect_remote_comes_out_of_it(
    fake_telegram: FakeTelegram,
) -> None:
    async with serve_remote(fake_telegram) as address:
        with pytest.raises(ExceptionGroup) as raised:
            async with connect_remote(address):
                raise Boom("the bot failed")
    assert raised.group_contains(Boom)
