"""One shopper's bad order never stops the shop: a placement that fails for a reason
retrying cannot cure (data the database refuses) is recorded as failed, the shopper is
told and can edit their answers, the admins are alerted, and the order processor goes on
placing the next shoppers' orders without a restart.

The bad checkouts are written straight into the database (as if an older version, or a
bug, let the data through), so this shows the processor's layer on its own, without the
cleaning at the boundary that now keeps such text out of new checkouts.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from actors.messages import PlaceOrder
from actors.names import ORDER_PROCESSOR
from bot.checkout.flow import SUMMARY
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.checkout import PLACING, get_checkout, save_checkout
from models.orders import Order
from tests.bot.checkout.shop import (
    SUPERADMIN,
    Answers,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot

pytestmark = pytest.mark.postgres

#: What PostgreSQL refuses in a text column: a NUL byte, and a name longer than the
#: orders table's `customer_name varchar(255)`.
#: Each with the edit that puts it right: the edit menu's button, then the answer.
BAD_ANSWERS = [
    pytest.param({"name": "Erik\x00"}, ("Name", "Erik"), id="nul-in-name"),
    pytest.param(
        {"address": "Main st.\x00 1", "delivery": "courier"},
        ("Delivery", "🏬 Pickup"),
        id="nul-in-address",
    ),
    pytest.param({"comment": "\x00"}, ("Comment", "Skip"), id="nul-in-comment"),
    pytest.param({"name": "E" * 300}, ("Name", "Erik"), id="name-too-long-for-the-column"),
]


async def _confirmed_with(shopper: SimulatedUser, variant_id: int, answers: dict[str, str]) -> str:
    """Store the shopper's checkout as `placing` with `answers` replacing theirs (what
    "Confirm" stores); the checkout's key."""
    checkout = await get_checkout(shopper.id)
    assert checkout is not None
    data = {**checkout.data, **answers, "lines": [[variant_id, 1]]}
    await save_checkout(replace(checkout, step=PLACING, data=data))
    return checkout.key


@pytest.mark.parametrize(("bad", "fix"), BAD_ANSWERS)
async def test_an_order_the_database_refuses_is_failed_and_the_next_shopper_is_served(
    postgres_database: Settings,
    fake_telegram: FakeTelegram,
    bad: dict[str, str],
    fix: tuple[str, str],
) -> None:
    settings = shop_settings(postgres_database)
    erik = fake_telegram.user(7101, lang="en", first_name="Erik", phone="+447700900101")
    fiona = fake_telegram.user(7102, lang="en", first_name="Fiona", phone="+447700900102")
    async with running_bot(settings, fake_telegram) as bot:
        tee = await stock_one_product(stock=5)
        for shopper in (erik, fiona):
            await shopper.send("/start")
            await put_in_cart(shopper, tee)
            await check_out(shopper, Answers(name=shopper.record.first_name, delivery="🏬 Pickup"))
        key = await _confirmed_with(erik, tee, bad)
        processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
        await processor.send(PlaceOrder(erik.id, key))

        told = await erik.expect_message(timeout=10)
        await fiona.press("✅ Confirm")
        placed = await fiona.expect_message(timeout=10)

        assert told.text.startswith("⚠️ We could not place your order"), told.text
        assert told.buttons == [["✏️ Edit", "✖ Cancel"]]
        order = await order_of(fiona)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert await Order.count() == 1
        assert await stock_of(tee) == 4
        failed = await get_checkout(erik.id)
        assert failed is not None and failed.step == SUMMARY  # not `placing`: no replay
        assert "lines" not in failed.data
        assert bot.supervisor.stats.restarts[ORDER_PROCESSOR] == 0

        alert = await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            SUPERADMIN,
            lambda: next(
                (
                    m
                    for m in fake_telegram.user(SUPERADMIN).messages
                    if "could not be placed" in m.text
                ),
                None,
            ),
            timeout=10,
            what="an alert about the failed order",
        )
        assert f"shopper {erik.id}" in alert.text

        # The shopper puts the answer right and the order goes through.
        field, answer = fix
        await erik.press("✏️ Edit", message=told)
        await erik.press(field, message=told)
        keyboard = erik.reply_keyboard
        if keyboard is not None and keyboard.button(answer) is not None:
            await erik.press(answer)
        else:
            await erik.send(answer)  # the edited name's question offers no button
        await erik.press("✅ Confirm")
        placed = await erik.expect_message(timeout=10)
        order = await order_of(erik)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert (order.customer_name, order.address, order.comment) == ("Erik", "", "")


async def test_a_refused_order_waiting_at_start_does_not_stop_the_catch_up(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    """What crash-looped the processor at every start: a bad checkout waiting in `placing`
    ahead of a good one."""
    settings = shop_settings(postgres_database)
    erik = fake_telegram.user(7103, lang="en", first_name="Erik", phone="+447700900103")
    fiona = fake_telegram.user(7104, lang="en", first_name="Fiona", phone="+447700900104")
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=5)
        for shopper in (erik, fiona):
            await shopper.send("/start")
            await put_in_cart(shopper, tee)
            await check_out(shopper, Answers(name=shopper.record.first_name, delivery="🏬 Pickup"))
    # Both confirmed; the bot died before the processor read either message.
    await _confirmed_with(erik, tee, {"comment": "call me\x00"})
    await _confirmed_with(fiona, tee, {})

    async with running_bot(settings, fake_telegram) as bot:
        told = await erik.expect_message(timeout=10)
        placed = await fiona.expect_message(timeout=10)

        assert told.text.startswith("⚠️ We could not place your order"), told.text
        order = await order_of(fiona)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert bot.supervisor.stats.restarts[ORDER_PROCESSOR] == 0
        failed = await get_checkout(erik.id)
        assert failed is not None and failed.step == SUMMARY
