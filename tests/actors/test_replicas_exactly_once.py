"""Three replicas on one token and one PostgreSQL database, the active one killed with
SIGKILL in the middle of a checkout and in the middle of a broadcast: a standby takes
over within 5 s, the checkout completes with one order and one admin card, the broadcast
finishes, and nobody gets anything twice.

Each bot is a separate process (`fake_telegram.remote_bot`) served by the fake Telegram of
this test process (see tests/actors/test_replicas.py for the harness).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from fake_telegram.remote import serve_remote
from models.broadcasts import FINISHED, RUNNING, get_broadcast
from models.checkout import CheckoutSession
from runtime.database import open_database
from tests.actors.test_replicas import TAKEOVER_LIMIT, active_sessions, replicas, takeover_seconds
from tests.actors.test_update_recovery import wait_stored
from tests.bot.checkout.shop import (
    EN_CART,
    EN_CHECKOUT,
    ENGLISH_ADMIN,
    order_of,
    put_in_cart,
    stock_of,
    stock_one_product,
)
from tests.bot.superadmin.broadcasts.helpers import (
    add_users,
    broadcast_sends,
    compose,
    received,
    recipients,
    wait_for_status,
    wait_until,
)
from tests.bot.superadmin.broadcasts.remote_bot import stop_gracefully
from tests.fixtures.app import SUPERADMIN, bot_settings

pytestmark = pytest.mark.postgres

TEXT = "Replicas: 30% off everything"


async def send_and_store(tg: FakeTelegram, shopper: SimulatedUser, text: str) -> None:
    """Send a text and wait until the active process has stored it as handled (a reply
    and that record are two steps: killing between them is the known window that
    repeats one reply, README "Replicas")."""
    message, updates = tg.inbound.message(tg.bot_id, shopper.id, text=text)
    key = (message.chat_id, message.id)
    tg.expect_handled(key)
    await tg.push(updates)
    await tg.wait_handled(key, timeout=30)
    await wait_stored(tg, {message.id: updates.updates[0].pts}, 1)


def cards_for(tg: FakeTelegram, admin_id: int, headline: str) -> list[str]:
    return [m.text for m in tg.user(admin_id).messages if m.text.startswith(headline)]


def placed(text: str) -> bool:
    return text.startswith("✅ Order #") and "is placed" in text


def repeated(shopper: SimulatedUser) -> list[str]:
    """Bot messages that came twice in a row: a reply sent by two processes, or twice."""
    texts = [m.text for m in shopper.messages]
    return [a for a, b in pairwise(texts) if a == b and a]


async def test_a_kill_mid_checkout_leaves_one_order_one_card_and_no_reply_twice(
    postgres_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database, admin_ids=[ENGLISH_ADMIN])
    async with open_database(postgres_database), serve_remote(tg) as address:
        variant_id = await stock_one_product(stock=5)
        tg.user(SUPERADMIN)
        admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        shopper = tg.user(830_001, lang="en", first_name="Bob", phone="+15550003001")
        async with replicas(address, settings, tmp_path, 3) as (first, second, third):
            await tg.wait_for_client(timeout=30)
            await admin.send("/start", timeout=30)  # the bot learns her language
            await shopper.send("/start", timeout=30)
            await put_in_cart(shopper, variant_id, 2)
            await shopper.press(EN_CART, timeout=30)
            await shopper.press(EN_CHECKOUT, timeout=30)
            await send_and_store(tg, shopper, "Bob")  # the name; the phone comes next

            first.kill()  # SIGKILL mid-checkout
            took = await takeover_seconds(tg, first, tmp_path / "replica1.log")
            assert took < TAKEOVER_LIMIT, took
            assert active_sessions(tg) == 1

            await shopper.share_contact(timeout=30)  # the checkout goes on where it was
            await shopper.press("🏬 Pickup", timeout=30)
            await shopper.press("Skip", timeout=30)
            await shopper.press("✅ Confirm", timeout=30)
            await wait_until(lambda: any(placed(m.text) for m in shopper.messages), timeout=30)
            order = await order_of(shopper)  # exactly one order
            headline = f"🆕 New order #{order.id}"
            await wait_until(lambda: bool(cards_for(tg, ENGLISH_ADMIN, headline)), timeout=30)
            assert await stop_gracefully(third) == 0
            assert await stop_gracefully(second) == 0

        assert order.total == 2 * 1_990_00
        assert order.customer_name == "Bob" and order.phone == "+15550003001"
        assert await stock_of(variant_id) == 3  # taken once
        assert len(cards_for(tg, ENGLISH_ADMIN, headline)) == 1
        assert await CheckoutSession.count() == 0
        assert len([m for m in shopper.messages if placed(m.text)]) == 1
        assert repeated(shopper) == [], [m.text[:40] for m in shopper.messages]
        tg.assert_no_handler_errors()


async def test_a_kill_mid_broadcast_is_finished_by_a_standby_each_recipient_once(
    postgres_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database, broadcast_rate=30)
    people = recipients(200)
    async with open_database(postgres_database), serve_remote(tg) as address:
        await add_users(tg, people)
        tg.latency = 0.05
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        async with replicas(address, settings, tmp_path, 3) as (first, second, third):
            await tg.wait_for_client(timeout=30)
            broadcast_id = await compose(admin, TEXT)
            await wait_until(lambda: len(broadcast_sends(tg, TEXT)) > 80, timeout=30)

            first.kill()  # SIGKILL mid-broadcast
            took = await takeover_seconds(tg, first, tmp_path / "replica1.log")
            assert took < TAKEOVER_LIMIT, took
            interrupted = await get_broadcast(broadcast_id)
            assert interrupted is not None and interrupted.status == RUNNING

            done = await wait_for_status(broadcast_id, FINISHED, timeout=60)
            assert active_sessions(tg) == 1
            assert await stop_gracefully(third) == 0
            assert await stop_gracefully(second) == 0

        copies = {user: len(received(tg, user, TEXT)) for user in people}
        assert set(copies.values()) == {1}, {u: n for u, n in copies.items() if n != 1}
        assert len(received(tg, SUPERADMIN, TEXT)) == 2  # the preview and the broadcast
        assert (done.total, done.sent, done.failed) == (201, 201, 0)
        tg.assert_no_handler_errors()
