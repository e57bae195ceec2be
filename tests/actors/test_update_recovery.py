"""Updates survive kill -9: the bot process is killed (SIGKILL) with 300 updates in memory
(its inbox, Kurigram's queue, handlers blocked on a send that never reached Telegram) and
12 payments queued behind them, started again, and every update is handled exactly
once: those handled before the kill are not handled again, the others are fetched with
`updates.getDifference`; every payment is stored."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest

from config import Settings
from fake_telegram import FakeTelegram, tl
from fake_telegram.remote import serve_remote
from fake_telegram.state import StoredMessage
from models.payments import ReceivedPayment
from models.update_state import get_update_state, list_handled_keys
from runtime.database import open_database
from tests.bot.superadmin.broadcasts.remote_bot import bot_environment, bot_process, stop_gracefully
from tests.fixtures.app import bot_settings

pytestmark = pytest.mark.postgres

SHOPPERS = range(700_001, 700_301)
PAYERS = range(710_001, 710_013)


def payment_for_a_lost_order(tg: FakeTelegram, user_id: int) -> tl.Updates:
    """A successful_payment service message, as Telegram sends it after a charge."""
    box = tg.world.mailbox(tg.bot_id)
    stored = StoredMessage(
        id=box.allocate_message_id(),
        chat_id=user_id,
        sender_id=user_id,
        outgoing=False,
        date=tg.world.now(),
        action=tl.MessageActionPaymentSentMe(
            currency="RUB",
            total_amount=1_990_00,
            payload=b"order:999999",
            charge=tl.PaymentCharge(id=f"charge-{user_id}", provider_charge_id=f"p-{user_id}"),
        ),
    )
    box.add(stored)
    update = tg.render.new_message(stored, viewer=tg.bot_id, pts=box.next_pts())
    return tg.render.updates([update], [stored], viewer=tg.bot_id, seq=box.next_seq())


def bot_replies(tg: FakeTelegram, user_id: int) -> int:
    return sum(1 for m in tg.user(user_id).messages if m.outgoing)


async def wait_stored(tg: FakeTelegram, positions: dict[int, int], count: int) -> None:
    """Wait until the bot has stored `count` of these messages as handled: a key kept,
    or a pts the stored state has moved past (the bot is another process: the database
    is the only way to see it)."""
    with anyio.fail_after(30):
        while True:
            state = await get_update_state(tg.bot_id)
            kept = await list_handled_keys(tg.bot_id)
            stored = sum(
                1
                for message_id, pts in positions.items()
                if f"m:{message_id}" in kept or (state is not None and pts <= state.pts)
            )
            if stored >= count:
                return
            await anyio.sleep(0.05)


async def replied(tg: FakeTelegram, user_id: int, count: int) -> None:
    def enough() -> bool | None:
        return True if bot_replies(tg, user_id) >= count else None

    await tg.wait_for_chat(tg.bot_id, user_id, enough, timeout=60, what=f"replies to {user_id}")


async def test_sigkill_with_300_updates_in_memory_then_restart_handles_each_exactly_once(
    postgres_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    tg = fake_telegram
    environment = bot_environment(bot_settings(postgres_database))
    async with open_database(postgres_database), serve_remote(tg) as address:
        warm_up = tg.user(700_000, lang="en")
        shoppers = [tg.user(user_id, lang="en") for user_id in SHOPPERS]

        async with bot_process(address, environment, tmp_path, "first") as first:
            await tg.wait_for_client(timeout=30)
            await warm_up.send("/start", timeout=30)
            per_start = bot_replies(tg, warm_up.id)
            assert per_start >= 1

            sends = tg.hold("messages.SendMessage")
            keys = []
            positions: dict[int, int] = {}
            for shopper in shoppers:
                message, updates = tg.inbound.message(tg.bot_id, shopper.id, text="/start")
                keys.append((message.chat_id, message.id))
                positions[message.id] = updates.updates[0].pts
                tg.expect_handled(keys[-1])
                await tg.push(updates)
            for user_id in PAYERS:
                await tg.push(payment_for_a_lost_order(tg, tg.user(user_id).id))
            await tg.wait_held(sends, 1, timeout=30)
            sends.release(40)
            await tg.wait_handled_count(keys, 40, timeout=30)  # each one send
            await wait_stored(tg, positions, 40)
            first.kill()  # SIGKILL: everything in memory dies with it
            await first.wait()
        sends.drop()  # the held sends never reached Telegram
        before = {s.id: bot_replies(tg, s.id) for s in shoppers}
        assert 0 < sum(1 for n in before.values() if n) < len(shoppers)
        assert await stored_charges() == set()  # the payments were still in memory

        async with bot_process(address, environment, tmp_path, "second") as second:
            with anyio.fail_after(60):
                for shopper in shoppers:
                    await replied(tg, shopper.id, per_start)
            assert await stop_gracefully(second) == 0

        replies = {s.id: bot_replies(tg, s.id) for s in shoppers}
        assert set(replies.values()) == {per_start}, {
            u: n for u, n in replies.items() if n != per_start
        }
        assert await stored_charges() == {f"charge-{user_id}" for user_id in PAYERS}
        tg.assert_no_handler_errors()


async def stored_charges() -> set[str]:
    return {row["charge_id"] for row in await ReceivedPayment.select(ReceivedPayment.charge_id)}
