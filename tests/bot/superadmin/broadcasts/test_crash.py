"""Exactly once across a crash: the bot process is killed with SIGKILL mid-broadcast (no
`finally` runs), started again, resumes, and every reachable recipient has the broadcast
exactly once. Telegram (the fake, served from this process) remembers what it got."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from fake_telegram.remote import serve_remote
from models.broadcasts import FINISHED, RUNNING, get_broadcast
from runtime.database import open_database
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    broadcast_sends,
    compose,
    received,
    recipients,
    wait_for_status,
    wait_until,
)
from tests.bot.superadmin.broadcasts.remote_bot import bot_environment, bot_process, stop_gracefully
from tests.fixtures.app import SUPERADMIN, bot_settings

pytestmark = pytest.mark.postgres

TEXT = "Last chance: 30% off everything"


async def test_sigkill_mid_broadcast_then_restart_delivers_to_everyone_exactly_once(
    postgres_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database, broadcast_rate=30)
    people = recipients(300)
    blocked = people[40:50]
    environment = bot_environment(settings)
    async with open_database(settings), serve_remote(tg) as address:
        await add_users(tg, people)
        for user_id in blocked:
            tg.block(user_id)
        tg.latency = 0.05
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")

        async with bot_process(address, environment, tmp_path, "first") as first:
            await tg.wait_for_client(timeout=30)
            broadcast_id = await compose(admin, TEXT)
            await wait_until(lambda: len(broadcast_sends(tg, TEXT)) > 150, timeout=30)
            first.kill()  # SIGKILL: no finally, no flush, no status change
            await first.wait()
        interrupted = await get_broadcast(broadcast_id)
        assert interrupted is not None and interrupted.status == RUNNING
        sent_before = len(broadcast_sends(tg, TEXT))
        assert sent_before < 302  # the preview and 301 recipients: it was mid-way

        async with bot_process(address, environment, tmp_path, "second") as second:
            done = await wait_for_status(broadcast_id, FINISHED, timeout=60)
            assert await stop_gracefully(second) == 0

        reachable = [u for u in people if u not in blocked]
        copies = {u: len(received(tg, u, TEXT)) for u in reachable}
        assert set(copies.values()) == {1}, {u: n for u, n in copies.items() if n != 1}
        assert len(received(tg, SUPERADMIN, TEXT)) == 2  # the preview and the broadcast
        assert not any(received(tg, u, TEXT) for u in blocked)
        # Re-sent after the crash with the same random_id, and recognised by Telegram.
        assert len(broadcast_sends(tg, TEXT)) > 302
        assert (done.total, done.sent, done.blocked, done.failed) == (301, 291, 10, 0)
