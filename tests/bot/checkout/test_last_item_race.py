"""Twenty shoppers confirm the last unit at the same moment: exactly one order, stock 0,
nineteen polite refusals."""

from __future__ import annotations

import anyio
import pytest

from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.orders import Order
from tests.bot.checkout.shop import (
    Answers,
    check_out,
    checkout_sessions,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot

SHOPPERS = 20
SOLD_OUT = (
    "😔 Sorry, “Basic tee, M · white” has just sold out, so the order was not placed. "
    "Your items are still in your cart: change it and check out again."
)


@pytest.mark.postgres
async def test_twenty_shoppers_confirm_the_last_unit_at_once_and_one_gets_it(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(postgres_database), fake_telegram):
        last = await stock_one_product(stock=1)
        shoppers = [
            fake_telegram.user(
                4000 + n, lang="en", first_name=f"Shopper{n}", phone=f"+4470000{n:05d}"
            )
            for n in range(SHOPPERS)
        ]

        async def to_the_summary(shopper: SimulatedUser) -> None:
            await shopper.send("/start")
            await put_in_cart(shopper, last)
            await check_out(shopper, Answers(name=f"Shopper {shopper.id}", delivery="🏬 Pickup"))

        with anyio.fail_after(30):
            async with anyio.create_task_group() as group:
                for shopper in shoppers:
                    group.start_soon(to_the_summary, shopper)

        outcomes: dict[int, BotMessage] = {}

        async def confirm(shopper: SimulatedUser) -> None:
            await shopper.press("✅ Confirm")
            outcomes[shopper.id] = await shopper.expect_message(timeout=15)

        with anyio.fail_after(30):
            async with anyio.create_task_group() as group:
                for shopper in shoppers:
                    group.start_soon(confirm, shopper)

        texts = [message.text for message in outcomes.values()]
        placed = [text for text in texts if text.startswith("✅ Order #")]
        assert len(placed) == 1
        assert texts.count(SOLD_OUT) == SHOPPERS - 1
        assert await stock_of(last) == 0
        assert await Order.count() == 1
        assert await checkout_sessions() == 0
