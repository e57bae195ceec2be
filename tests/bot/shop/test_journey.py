"""A Russian and an English shopper each browse, pick a size and a quantity, and see
their cart with the right total, every text in their language."""

from __future__ import annotations

from pathlib import Path

from config import Settings
from fake_telegram import BotMessage, FakeTelegram
from tests.bot.shop.shop import (
    CYRILLIC,
    action_of,
    add_category,
    add_product,
    labels,
    photo_files,
    press_starting,
    price,
)
from tests.fixtures.app import bot_settings, running_bot


async def stock_the_shop(photos: Path) -> None:
    """Catalogue data in Latin letters, so any Cyrillic an English reader sees is the bot's."""
    tees = await add_category("Tees", position=1)
    await add_category("Caps", position=2)
    await add_product(
        tees,
        "Basic tee",
        price=1_990_00,
        description="Heavy cotton.",
        variants=[("S", 3, "white"), ("M", 5, "white"), ("XL", 0, "white")],
        photos=photo_files(photos, 1),
    )


def everything_shown(messages: list[BotMessage]) -> list[str]:
    return [text for message in messages for text in (message.text, *labels(message)) if text]


async def test_a_russian_shopper_fills_her_cart_in_russian(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        await stock_the_shop(tmp_path)
        alice = fake_telegram.user(2001, lang="ru", first_name="Алиса")

        await alice.send("/start")
        assert alice.last_message.text.startswith("Здравствуйте, Алиса!")
        assert labels(alice.last_message) == [
            "🛍 Каталог",
            "🛒 Корзина",
            "📦 Мои заказы",
            "🔔 Жду поступления",
            "💬 Помощь и контакты",
            "🌐 English",
        ]
        assert action_of(settings, alice.id, alice.last_message, "📦 Мои заказы").action == (
            "orders.list"
        )
        await alice.press("🛍 Каталог")
        assert alice.last_message.text == "Каталог. Выберите раздел:"
        assert labels(alice.last_message) == ["Tees", "Caps", "☰ Меню"]
        await alice.press("Tees")
        assert alice.last_message.text == "Tees\nСтраница 1 из 1. Выберите товар:"
        [card] = await press_starting(alice, "Basic tee")
        assert card.media_kind == "photo"
        assert card.caption == (
            f"Basic tee\n\nHeavy cotton.\n\n{price('1 990 ₽')}\n"
            "В наличии: S · white, M · white\nНет в наличии: XL · white"
        )
        assert labels(card) == [
            "S · white",
            "M · white",
            "🔔 Сообщить о поступлении: XL · white",
            "← К товарам",
            "🛒 Корзина",
        ]
        [question] = await alice.press("M · white")
        assert question.text == (
            f"Basic tee, M · white — {price('1 990 ₽')} за шт.\nСколько штук положить в корзину?"
        )
        assert labels(question) == ["1", "2", "3", "4", "5"]
        await alice.press("2")
        assert alice.last_message.text == "✓ В корзине: Basic tee, M · white — 2 шт."
        assert alice.last_answer is not None
        assert alice.last_answer.answer_text == "Добавлено в корзину"
        await alice.press("🛒 Перейти в корзину")

        cart = alice.last_message
        assert cart.text.startswith("🛒 Ваша корзина")
        assert f"2 × {price('1 990 ₽')} = {price('3 980 ₽')}" in cart.text
        assert f"Итого: {price('3 980 ₽')}" in cart.text
        checkout = action_of(settings, alice.id, cart, "✅ Оформить заказ")
        assert (checkout.action, checkout.args) == ("checkout.start", ())
        assert all(CYRILLIC.search(message.text) for message in alice.messages)


async def test_an_english_shopper_fills_his_cart_in_english(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        await stock_the_shop(tmp_path)
        bob = fake_telegram.user(2002, lang="en", first_name="Bob")

        await bob.send("/start")
        assert bob.last_message.text.startswith("Hello, Bob!")
        await bob.press("🛍 Catalogue")
        assert bob.last_message.text == "Catalogue. Choose a section:"
        await bob.press("Tees")
        assert bob.last_message.text == "Tees\nPage 1 of 1. Choose a product:"
        [card] = await press_starting(bob, "Basic tee")
        assert card.caption is not None
        assert card.caption.endswith("In stock: S · white, M · white\nSold out: XL · white")
        await bob.press("S · white")
        await bob.press("3")
        assert bob.last_message.text == (
            "✓ In your cart: Basic tee, S · white × 3. That is the most you can take of this size."
        )
        await bob.press("🛒 Go to cart")

        cart = bob.last_message
        assert cart.text.startswith("🛒 Your cart")
        assert f"3 × {price('1 990 ₽')} = {price('5 970 ₽')}" in cart.text
        assert f"Total: {price('5 970 ₽')}" in cart.text
        checkout = action_of(settings, bob.id, cart, "✅ Checkout")
        assert (checkout.action, checkout.args) == ("checkout.start", ())
        seen = everything_shown(bob.messages) + [a.answer_text or "" for a in bob.answers]
        assert [text for text in seen if CYRILLIC.search(text)] == []
