"""A confirmed checkout (stored as `placing`) is the durable request for its order: the
order processor finds it within seconds while it runs, whatever happened to the
"Placing…" message and the `PlaceOrder` that should have followed it."""

from __future__ import annotations

from dataclasses import replace

import anyio

from config import Settings
from fake_telegram import FakeTelegram
from models.checkout import PLACING, get_checkout, save_checkout
from tests.bot.checkout.shop import (
    Answers,
    check_out,
    checkout_sessions,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot

#: How long a shopper may wait for the order number in these tests: the processor looks
#: for waiting checkouts every second or two; the rest is slack for a loaded machine.
PLACED_WITHIN = 15


async def test_the_order_is_placed_when_the_placing_message_cannot_be_shown(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    gina = fake_telegram.user(7201, lang="en", first_name="Gina", phone="+447700900201")
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=3)
        await gina.send("/start")
        await put_in_cart(gina, tee)
        await check_out(gina, Answers(name="Gina", delivery="🏬 Pickup"))
        # Telegram refuses the "Placing…" edit with a flood wait too long to sleep off.
        fake_telegram.fail("messages.EditMessage", "FLOOD_WAIT_60", peer=gina.id)

        await gina.press("✅ Confirm", wait=None)
        with anyio.fail_after(PLACED_WITHIN):
            placed = await gina.expect_message(timeout=PLACED_WITHIN)

        order = await order_of(gina)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert await stock_of(tee) == 2
        assert await checkout_sessions() == 0


async def test_a_placing_checkout_nobody_announced_is_placed_while_the_bot_runs(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    hugo = fake_telegram.user(7202, lang="en", first_name="Hugo", phone="+447700900202")
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=3)
        await hugo.send("/start")
        await put_in_cart(hugo, tee, 2)
        await check_out(hugo, Answers(name="Hugo", delivery="🏬 Pickup"))
        # What "Confirm" stores; the reader was cancelled before it sent `PlaceOrder`.
        checkout = await get_checkout(hugo.id)
        assert checkout is not None
        await save_checkout(
            replace(checkout, step=PLACING, data={**checkout.data, "lines": [[tee, 2]]})
        )

        with anyio.fail_after(PLACED_WITHIN):
            placed = await hugo.expect_message(timeout=PLACED_WITHIN)

        order = await order_of(hugo)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert await stock_of(tee) == 1
        assert await checkout_sessions() == 0
