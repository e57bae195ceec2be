"""The desk lists a status's orders ten at a time, newest first, and pages through
more than a hundred of them without missing or repeating one."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.order_statuses import CONFIRMED
from tests.bot.admin.orders.helpers import english_admin, open_desk, orders_in_database
from tests.bot.checkout.shop import shop_settings, stock_one_product
from tests.fixtures.app import running_bot


async def test_paging_through_more_than_a_hundred_orders_shows_each_once(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=200)
        new = await orders_in_database(tee, 125)
        await orders_in_database(tee, 3, status=CONFIRMED)
        desk = await open_desk(admin)
        assert desk.buttons[:3] == [["new (125)"], ["confirmed (3)"], ["paid (0)"]]

        await admin.press("new (125)", message=desk)
        seen: list[int] = []
        pages = 0
        while True:
            pages += 1
            screen = admin.last_message
            assert screen.text.startswith(f"Orders “new”, page {pages}.")
            lines = [row[0] for row in screen.buttons if row[0].startswith("#")]
            seen += [int(line[1:].split(" ")[0]) for line in lines]
            if screen.button("▶ Older") is None:
                break
            assert len(lines) == 10
            await admin.press("▶ Older", message=screen)

        assert pages == 13
        assert seen == sorted(new, reverse=True)
        await admin.press("⏮ Newest")
        assert admin.last_message.text == ("Orders “new”, page 1. Press an order to open its card.")
        await admin.press("⬅ Orders")
        await admin.press("delivered (0)")
        assert admin.last_message.text == "There are no “delivered” orders."
