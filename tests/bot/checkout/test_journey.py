"""A Russian and an English shopper each go cart -> checkout (the contact button for the
phone) -> delivery -> confirm, and see their order in "My orders"; the admins get the
order with its status buttons, each in their own language."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.catalogue import ProductVariant
from models.orders import NEW, list_items
from tests.bot.checkout.shop import (
    CYRILLIC,
    ENGLISH_ADMIN,
    SUPERADMIN,
    admin_card,
    checkout_sessions,
    everything_seen,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.bot.shop.shop import price
from tests.fixtures.app import running_bot


async def test_a_russian_shopper_checks_out_by_courier_and_sees_her_order(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        tee = await stock_one_product(stock=5)
        fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        alice = fake_telegram.user(3001, lang="ru", first_name="Алиса", phone="79991234567")
        await alice.send("/start")
        menu = alice.last_message
        await put_in_cart(alice, tee, 2)

        await alice.press("🛒 Корзина")
        [question] = await alice.press("✅ Оформить заказ")
        assert question.text == (
            "Оформляем заказ. Как к вам обращаться? Напишите имя или нажмите кнопку ниже."
        )
        assert question.buttons == [["Алиса"], ["✖ Отменить оформление"]]
        [question] = await alice.press("Алиса")
        assert question.text.startswith("Ваш номер телефона")
        share = question.button("📱 Отправить мой номер")
        assert share is not None and share.kind == "request_contact"
        [question] = await alice.press("📱 Отправить мой номер")
        assert question.text == "Как доставить заказ?"
        assert question.buttons == [
            ["🚚 Курьер", "🏬 Самовывоз", "📦 Почта"],
            ["✖ Отменить оформление"],
        ]
        [question] = await alice.press("🚚 Курьер")
        assert question.text == "Адрес доставки: город, улица, дом, квартира."
        await alice.send("Москва, Тверская 1, кв. 2")
        [summary, confirm] = await alice.send("Позвоните за час")

        assert summary.text == (
            "Проверьте заказ:\n\n"
            f"• Basic tee, M · white × 2 — {price('3 980 ₽')}\n\n"
            f"Итого: {price('3 980 ₽')}\n\n"
            "Имя: Алиса\nТелефон: +79991234567\nДоставка: 🚚 Курьер\n"
            "Адрес: Москва, Тверская 1, кв. 2\nКомментарий: Позвоните за час\n"
            "Оплата: при получении"
        )
        assert alice.reply_keyboard is None  # the questions' keyboard is gone
        assert confirm.buttons == [["✅ Подтвердить"], ["✏️ Изменить", "✖ Отменить"]]
        await alice.press("✅ Подтвердить")
        assert confirm.text == "⏳ Оформляем заказ…"
        placed = await alice.expect_message()

        order = await order_of(alice)
        assert placed.text == (
            f"✅ Заказ №{order.id} оформлен!\n\n"
            f"• Basic tee, M · white × 2 — {price('3 980 ₽')}\n\n"
            f"Итого: {price('3 980 ₽')}\n\n"
            "Оплата при получении. Мы сообщим, когда статус заказа изменится."
        )
        assert (order.status, order.total, order.delivery_method) == (NEW, 3_980_00, "courier")
        assert (order.customer_name, order.phone) == ("Алиса", "+79991234567")
        assert (order.address, order.comment) == ("Москва, Тверская 1, кв. 2", "Позвоните за час")
        [item] = await list_items(order.id)
        assert (item.product_title, item.size, item.colour, item.quantity) == (
            "Basic tee",
            "M",
            "white",
            2,
        )
        assert await stock_of(tee) == 3
        assert await checkout_sessions() == 0

        await alice.press("☰ Меню", message=menu)
        await alice.press("📦 Мои заказы", message=menu)
        assert menu.text.startswith(f"📦 Ваши заказы:\n\nЗаказ №{order.id} от ")
        assert menu.text.endswith(
            f"— новый\n• Basic tee, M · white × 2 — {price('3 980 ₽')}\nИтого: {price('3 980 ₽')}"
        )
        assert all(CYRILLIC.search(text) for text in (m.text for m in alice.messages))

        card = await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")
        assert card.text.startswith(f"🆕 Новый заказ №{order.id}\n\n• Basic tee, M · white × 2")
        assert "Покупатель: Алиса, +79991234567" in card.text
        assert card.text.endswith("Статус: новый")
        assert card.buttons == [["✅ Подтвердить"], ["✖ Отменить заказ"], ["✉ Написать покупателю"]]


async def test_an_english_shopper_picks_up_his_order_and_everything_is_in_english(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        tee = await stock_one_product(stock=1)
        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        await admin.send("/start")
        bob = fake_telegram.user(3002, lang="en", first_name="Bob", last_name="Smith")
        bob.record.phone = "+44 7700 900123"
        await bob.send("/start")
        menu = bob.last_message
        await put_in_cart(bob, tee)

        await bob.press("🛒 Cart")
        await bob.press("✅ Checkout")
        assert bob.last_message.buttons == [["Bob Smith"], ["✖ Cancel checkout"]]
        await bob.send("Robert")
        await bob.send("not a phone")
        assert bob.last_message.text.startswith("That does not look like a phone number.")
        await bob.send("+44 7700 900123")
        await bob.press("🏬 Pickup")  # no address for a pickup
        assert bob.last_message.text.startswith("Any comment on the order?")
        [summary, _confirm] = await bob.press("Skip")
        assert "Delivery: 🏬 Pickup\nPayment: on delivery" in summary.text
        await bob.press("✅ Confirm")
        placed = await bob.expect_message()

        order = await order_of(bob)
        assert placed.text.startswith(f"✅ Order #{order.id} is placed!")
        assert (order.customer_name, order.phone, order.address) == ("Robert", "+447700900123", "")
        assert await stock_of(tee) == 0
        await bob.press("☰ Menu", message=menu)
        await bob.press("📦 My orders", message=menu)
        assert menu.text.startswith(f"📦 Your orders:\n\nOrder #{order.id} of ")
        assert ": new\n• Basic tee, M · white × 1" in menu.text
        assert [text for text in everything_seen(bob) if CYRILLIC.search(text)] == []

        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        assert "Customer: Robert, +447700900123" in card.text
        assert "Delivery: 🏬 Pickup" in card.text
        assert card.buttons == [["✅ Confirm"], ["✖ Cancel order"], ["✉ Message the customer"]]
        assert [text for text in everything_seen(admin) if CYRILLIC.search(text)] == []
        await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")
        assert await ProductVariant.count() == 1
