"""The menu's language switch changes every text that follows; help shows the contacts."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.users import User
from tests.bot.shop.shop import labels
from tests.fixtures.app import bot_settings, running_bot


async def test_switching_the_language_changes_the_texts_that_follow(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        alice = fake_telegram.user(2501, lang="ru", first_name="Алиса")
        await alice.send("/start")

        await alice.press("🌐 English")

        assert alice.last_message.text == "Main menu. What would you like to do?"
        assert labels(alice.last_message) == [
            "🛍 Catalogue",
            "🛒 Cart",
            "📦 My orders",
            "🔔 Waiting for",
            "💬 Help & contacts",
            "🌐 Русский",
        ]
        assert alice.last_answer is not None
        assert alice.last_answer.answer_text == "Language: English"
        await alice.press("🛒 Cart")
        assert alice.last_message.text == "Your cart is empty. Have a look at the catalogue!"
        [welcome] = await alice.send("/start")
        assert welcome.text.startswith("Hello, Алиса!")
        stored = await User.select(User.language).where(User.telegram_id == alice.id).first()
        assert stored == {"language": "en"}

        await alice.press("🌐 Русский")
        assert alice.last_message.text == "Главное меню. Что вас интересует?"
        await alice.press("🛍 Каталог")
        assert alice.last_message.text == "Каталог пока пуст. Загляните позже!"


async def test_help_explains_how_to_order_and_shows_the_shops_contacts(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database).model_copy(
        update={"shop_contacts": "Phone +7 900 000-00-00\nSupport: @shop_support"}
    )
    async with running_bot(settings, fake_telegram):
        bob = fake_telegram.user(2502, lang="en", first_name="Bob")
        await bob.send("/start")

        await bob.press("💬 Help & contacts")

        assert bob.last_message.text.startswith("How to order:\n1. Open the catalogue")
        assert bob.last_message.text.endswith(
            "Contact the shop:\nPhone +7 900 000-00-00\nSupport: @shop_support"
        )
        await bob.press("☰ Menu")
        assert bob.last_message.text == "Main menu. What would you like to do?"
