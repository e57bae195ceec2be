"""Placing an order is persisted before it is asked for, and idempotent: a `PlaceOrder`
lost in a crash is picked up at the next start, and a repeated one changes nothing."""

from __future__ import annotations

from dataclasses import replace

from actors.messages import PlaceOrder, SetOrderStatus
from actors.names import ORDER_PROCESSOR
from config import Settings
from fake_telegram import FakeTelegram
from models.checkout import PLACING, get_checkout, save_checkout
from models.orders import Order
from tests.bot.checkout.shop import (
    SUPERADMIN,
    Answers,
    admin_card,
    check_out,
    checkout_sessions,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot


async def test_a_confirmed_checkout_whose_message_was_lost_is_placed_at_the_next_start(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    erik = fake_telegram.user(7001, lang="en", first_name="Erik", phone="+447700900777")
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=2)
        await erik.send("/start")
        await put_in_cart(erik, tee, 2)
        await check_out(erik, Answers(name="Erik", delivery="🏬 Pickup"))
    # What "Confirm" stores before it sends PlaceOrder; the bot died before the order
    # processor read the message.
    checkout = await get_checkout(erik.id)
    assert checkout is not None
    await save_checkout(
        replace(checkout, step=PLACING, data={**checkout.data, "lines": [[tee, 2]]})
    )

    async with running_bot(settings, fake_telegram):
        placed = await erik.expect_message()

        order = await order_of(erik)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert (order.total, await stock_of(tee)) == (2 * 1_990_00, 0)
        assert await checkout_sessions() == 0


async def test_a_repeated_place_order_makes_one_order_and_one_message(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    fiona = fake_telegram.user(7002, lang="en", first_name="Fiona", phone="+447700900888")
    async with running_bot(settings, fake_telegram) as bot:
        tee = await stock_one_product(stock=5)
        await fiona.send("/start")
        await put_in_cart(fiona, tee)
        await check_out(fiona, Answers(name="Fiona", delivery="🏬 Pickup"))
        checkout = await get_checkout(fiona.id)
        assert checkout is not None
        await fiona.press("✅ Confirm")
        await fiona.expect_message()
        order = await order_of(fiona)
        card = await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")

        processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
        await processor.send(PlaceOrder(fiona.id, checkout.key))
        await processor.send(PlaceOrder(fiona.id, checkout.key))
        # Handled in order: once this one is, so are the repeats before it.
        await processor.send(
            SetOrderStatus(order.id, "confirmed", SUPERADMIN, card.chat_id, card.id)
        )
        confirmed = await fiona.expect_message()

        assert confirmed.text == f"✅ Order #{order.id} is confirmed."
        assert await Order.count() == 1
        assert await stock_of(tee) == 4
        placed = [m for m in fiona.messages if m.text.startswith("✅ Order #")]
        assert [m.text.split("\n")[0] for m in placed] == [
            f"✅ Order #{order.id} is placed!",
            f"✅ Order #{order.id} is confirmed.",
        ]
