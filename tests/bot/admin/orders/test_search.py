"""Finding an order from the desk: by its number (the card opens, and follows the
order's later changes like any card) or by the customer's phone, however it is
written; anything else is asked again."""

from __future__ import annotations

from bot.money import format_price
from config import Settings
from fake_telegram import FakeTelegram
from tests.bot.admin.orders.helpers import (
    english_admin,
    open_desk,
    orders_in_database,
    russian_order,
)
from tests.bot.checkout.shop import (
    SUPERADMIN,
    admin_card,
    order_of,
    shop_settings,
    stock_one_product,
)
from tests.fixtures.app import running_bot


async def test_an_order_found_by_number_opens_its_card_which_follows_later_changes(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)
        await admin_card(fake_telegram, admin.id, f"🆕 New order #{order.id}")
        await open_desk(admin)

        await admin.press("🔎 Find an order")
        assert admin.last_message.text == (
            "Type an order number (e.g. 125) or the customer's phone."
        )
        [again] = await admin.send("blue shirt")
        assert again.text.startswith("That looks like neither an order number nor a phone")
        [card] = await admin.send(f"#{order.id}")
        assert card.text.startswith(f"Order #{order.id}\n\n• Basic tee")
        assert "Customer: Галина, +79990000008\ntg://user?id=8001" in card.text
        assert card.text.endswith("Status: new")
        assert card.buttons == [["✅ Confirm"], ["✖ Cancel order"], ["✉ Message the customer"]]

        owner = fake_telegram.user(SUPERADMIN)
        russian_card = await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")
        await owner.press("✅ Подтвердить", message=russian_card)
        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            admin.id,
            lambda: True if card.text.endswith("Status: confirmed") else None,
            what="the card opened from the desk edited",
        )
        assert card.buttons == [["🚚 Shipped"], ["✖ Cancel order"], ["✉ Message the customer"]]

        await admin.press("🔎 Find an order")
        [nothing] = await admin.send("99999")
        assert nothing.text == "No orders for “99999”."


async def test_orders_are_found_by_the_customers_phone_however_it_is_written(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=20)
        hers = await orders_in_database(tee, 2, phone="+79161234567")
        await orders_in_database(tee, 3, phone="+447700900123")
        await open_desk(admin)

        found = []
        for written in ("8 (916) 123-45-67", "+7 916 123 45 67", "1234567"):
            await admin.press("🔎 Find an order")
            [answer] = await admin.send(written)
            assert answer.text == f"Orders for “{written}” (the latest 2):"
            found.append(answer.buttons[:2])
        price = format_price(1_990_00, "RUB")
        assert (
            found
            == [[[f"#{hers[1]} · Buyer 1 · {price}"], [f"#{hers[0]} · Buyer 0 · {price}"]]] * 3
        )

        await admin.press(f"#{hers[0]} · Buyer 0 · {price}")
        assert admin.last_message.text.startswith(f"Order #{hers[0]}\n")
        await admin.press("🔎 Find an order")
        [nothing] = await admin.send("+1 555 000 0000")
        assert nothing.text == "No orders for “+1 555 000 0000”."
