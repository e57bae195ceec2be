"""A run of placements: `PlaceOrder`s that keep arriving while a batch is placed are
placed batch after batch, and the admins' cards of the earlier batches wait until the
run ends, so every customer of the run hears first (`OrderProcessor._place_run`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
import asyncpg
import pytest

from actors.messages import PlaceOrder
from config import Settings
from fake_telegram import FakeTelegram
from runtime.db_engine import postgres_config
from tests.actors.orders.test_batch_placement import confirmed, people, send_at_once
from tests.bot.checkout.shop import ENGLISH_ADMIN, order_of, shop_settings
from tests.bot.shop.shop import add_category, add_product
from tests.fixtures.app import running_bot

pytestmark = pytest.mark.postgres


@asynccontextmanager
async def variant_locked(settings: Settings, variant_id: int) -> AsyncIterator[None]:
    """The variant's row locked by another connection until the block ends: a batch
    that takes its stock waits at `SELECT ... FOR UPDATE`."""
    connection = await asyncpg.connect(**postgres_config(settings))
    try:
        async with connection.transaction():
            await connection.execute(
                "SELECT id FROM product_variants WHERE id = $1 FOR UPDATE", variant_id
            )
            yield
    finally:
        await connection.close()


async def waiting_for_a_lock(settings: Settings) -> None:
    """Until a statement of the app waits for a row lock."""
    observer = await asyncpg.connect(**postgres_config(settings))
    try:
        with anyio.fail_after(10):
            while True:  # PostgreSQL tells no one when a statement starts waiting
                waiting = await observer.fetchval(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = $1 AND wait_event_type = 'Lock'",
                    settings.postgres_db,
                )
                if waiting:
                    return
                await anyio.sleep(0.01)
    finally:
        await observer.close()


async def test_the_cards_of_a_placed_batch_wait_until_the_next_batch_s_customers_are_told(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(shop_settings(postgres_database), tg) as bot:
        tees = await add_category("Tees")
        first = (await add_product(tees, "Tee A", variants=[("M", 5, "white")])).variant_ids[0]
        second = (await add_product(tees, "Tee B", variants=[("M", 5, "black")])).variant_ids[0]
        ann, bob = people(tg, 4500, 2)
        (ann_key,) = await confirmed([ann], first)
        (bob_key,) = await confirmed([bob], second)
        admin = tg.user(ENGLISH_ADMIN, lang="en")
        await admin.send("/start")  # the bot can write to the admin

        async with variant_locked(postgres_database, second):
            async with variant_locked(postgres_database, first):
                send_at_once(bot, [PlaceOrder(ann.id, ann_key)])
                await waiting_for_a_lock(postgres_database)  # Ann's batch at the lock
                send_at_once(bot, [PlaceOrder(bob.id, bob_key)])  # waits behind it
            # Ann's batch is placed and she is told; Bob's batch waits at the next lock.
            told_ann = await ann.expect_message(timeout=10)
            ann_order = await order_of(ann)
            assert told_ann.text.startswith(f"✅ Order #{ann_order.id} is placed!")
            await waiting_for_a_lock(postgres_database)
            card = f"🆕 New order #{ann_order.id}"
            with anyio.move_on_after(1):  # the card would go out at once without the run
                await tg.wait_for_chat(
                    tg.bot_id,
                    ENGLISH_ADMIN,
                    lambda: True if any(m.text.startswith(card) for m in admin.messages) else None,
                    what="Ann's card",
                )
            assert not [m for m in admin.messages if m.text.startswith(card)]

        told_bob = await bob.expect_message(timeout=10)
        assert told_bob.text.startswith(f"✅ Order #{(await order_of(bob)).id} is placed!")

        def both_cards() -> bool | None:
            return True if len([m for m in admin.messages if "New order" in m.text]) == 2 else None

        await tg.wait_for_chat(tg.bot_id, ENGLISH_ADMIN, both_cards, what="both cards")
