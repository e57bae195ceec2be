"""`t.me/<bot>?start=p_<id>` opens the product's card; a product not on sale gets a
polite message and the menu."""

from __future__ import annotations

from bot.shop.deeplinks import product_link
from config import Settings
from fake_telegram import FakeTelegram
from models.catalogue import Product
from tests.bot.shop.shop import add_category, add_product, labels
from tests.fixtures.app import bot_settings, running_bot

MENU_RU = [
    "🛍 Каталог",
    "🛒 Корзина",
    "📦 Мои заказы",
    "🔔 Жду поступления",
    "💬 Помощь и контакты",
    "🌐 English",
]


async def test_a_deep_link_opens_the_products_card(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", variants=[("M", 2, None), ("L", 0, None)])
        assert product_link("shop_bot", tee.id) == f"https://t.me/shop_bot?start=p_{tee.id}"
        alice = fake_telegram.user(2401, lang="ru", first_name="Алиса")

        [card] = await alice.send(f"/start p_{tee.id}")

        assert card.text.startswith("Tee\n\n")
        assert card.text.endswith("В наличии: M\nНет в наличии: L")
        assert labels(card) == ["M", "🔔 Сообщить о поступлении: L", "← К товарам", "🛒 Корзина"]
        await alice.press("M")
        assert alice.last_message.text.endswith("Сколько штук положить в корзину?")


async def test_an_unknown_or_withdrawn_product_gets_a_polite_message_and_the_menu(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee")
        await Product.update({Product.is_available: False}).where(Product.id == tee.id)
        alice = fake_telegram.user(2402, lang="ru", first_name="Алиса")

        for payload in ("p_999999", f"p_{tee.id}"):
            [reply] = await alice.send(f"/start {payload}")
            assert reply.text.startswith("К сожалению, этого товара сейчас нет в продаже.")
            assert labels(reply) == MENU_RU

        [reply] = await alice.send("/start something-else")
        assert reply.text.startswith("Здравствуйте, Алиса!")
        assert labels(reply) == MENU_RU
