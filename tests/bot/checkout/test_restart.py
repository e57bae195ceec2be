"""A checkout survives a restart of the bot: the shopper answers half the questions, the
bot stops, a new one starts on the same database, and she goes on where she was."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.checkout import get_checkout
from tests.bot.checkout.shop import (
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot


async def test_a_checkout_goes_on_after_the_bot_restarts_halfway(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    dana = fake_telegram.user(6001, lang="ru", first_name="Дана", phone="+79990000001")
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=3)
        await dana.send("/start")
        await put_in_cart(dana, tee, 1)
        await dana.press("🛒 Корзина")
        await dana.press("✅ Оформить заказ")
        await dana.send("Дана Петрова")
        await dana.press("📱 Отправить мой номер")
        assert dana.last_message.text == "Как доставить заказ?"

    saved = await get_checkout(dana.id)
    assert saved is not None and saved.step == "delivery"

    async with running_bot(settings, fake_telegram):
        [question] = await dana.press("📦 Почта")
        assert question.text == "Адрес доставки: город, улица, дом, квартира."
        await dana.send("Казань, ул. Баумана 5")
        await dana.press("Пропустить")
        await dana.press("✅ Подтвердить")
        placed = await dana.expect_message()

        order = await order_of(dana)
        assert placed.text.startswith(f"✅ Заказ №{order.id} оформлен!")
        assert (order.customer_name, order.phone) == ("Дана Петрова", "+79990000001")
        assert (order.delivery_method, order.address) == ("post", "Казань, ул. Баумана 5")
        assert await stock_of(tee) == 2
