"""Back-pressure: with every handler blocked, a flood of 10,000 updates keeps memory
bounded (the rest stays with Telegram), /health and /metrics say "overloaded" as soon as
updates are left behind, and once the handlers go on every update is handled, once."""

from __future__ import annotations

import json

import anyio
import pytest

from actors.names import UPDATE_READER
from config import Settings
from fake_telegram import FakeTelegram
from tests.fixtures.app import bot_settings, running_bot
from tests.test_main import http_get

pytestmark = pytest.mark.postgres

USERS, MESSAGES_EACH = 100, 100


async def test_a_flood_with_handlers_blocked_stays_bounded_shows_overload_and_loses_nothing(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(postgres_database), tg) as bot:
        assert bot.http_port is not None
        gate = bot.updates
        shoppers = [tg.user(800_000 + i, lang="en") for i in range(USERS)]
        (client,) = tg.live_clients()
        queue = client.dispatcher.updates_queue
        inbox = bot.supervisor.mailboxes
        sends = tg.hold("messages.SendMessage")  # every handler blocks on its reply
        keys = []
        most_in_memory = most_queued = most_in_inbox = 0

        async def flood() -> None:
            nonlocal most_in_memory, most_queued, most_in_inbox
            for _ in range(MESSAGES_EACH):
                for shopper in shoppers:
                    message, updates = tg.inbound.message(tg.bot_id, shopper.id, text="/start")
                    keys.append((message.chat_id, message.id))
                    tg.expect_handled(keys[-1])
                    await tg.push(updates)
                    # Updates come off the network one read at a time, each in a step
                    # of the loop; the fake's push of an update the gate leaves behind
                    # does not suspend, so without this the flood would hold the loop
                    # (3.7 s for the 10,000 here, so the overload was seen only then).
                    await anyio.lowlevel.checkpoint()
                    most_in_memory = max(most_in_memory, gate.load().waiting)
                    most_queued = max(most_queued, queue.qsize())
                    most_in_inbox = max(
                        most_in_inbox, inbox.statistics(UPDATE_READER).current_buffer_used
                    )

        async with anyio.create_task_group() as tasks:
            with anyio.fail_after(5):
                tasks.start_soon(flood)
                await gate.overloaded.wait()
                status, body = await http_get(bot.http_port, "/health")
                assert status == 503 and json.loads(body)["updates"] == "overloaded"
                _, metrics = await http_get(bot.http_port, "/metrics")
                assert b"shopbot_updates_overloaded 1.0" in metrics

        assert len(keys) == USERS * MESSAGES_EACH
        assert most_in_memory <= gate.capacity
        assert most_queued <= gate.capacity and most_in_inbox <= gate.capacity
        assert gate.load().overloaded
        await tg.wait_held(sends, 1, timeout=30)
        assert not any(s.messages for s in shoppers)  # every reply is held

        sends.release()
        await tg.wait_handled_count(keys, len(keys), timeout=240)
        replies = {s.id: sum(1 for m in s.messages if m.outgoing) for s in shoppers}
        assert set(replies.values()) == {MESSAGES_EACH}, replies
        status, body = await http_get(bot.http_port, "/health")
        assert status == 200 and json.loads(body)["updates"] == "ok"
        tg.assert_no_handler_errors()
