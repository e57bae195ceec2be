"""Ban and language are cached per user in process; a change takes effect on the very
next update (the writers forget the cached entry)."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.customers import set_customer_banned
from tests.bot.shop.shop import add_category, add_product
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot, statuses_of

BANNED_EN = "Your access to the shop is closed. If this is a mistake, write to us."


async def test_a_ban_refuses_the_next_update_and_an_unban_lets_the_one_after_in(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram) as bot:
        tees = await add_category("Tees")
        await add_product(tees, "Tee")
        bob = fake_telegram.user(4101, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")  # the status is cached from here on
        assert bob.last_message.text == "Catalogue. Choose a section:"

        await set_customer_banned(statuses_of(bot), SUPERADMIN, bob.id, True)
        await bob.press("Tees")
        assert bob.last_answer is not None
        assert bob.last_answer.answer_text == BANNED_EN

        await set_customer_banned(statuses_of(bot), SUPERADMIN, bob.id, False)
        await bob.send("/start")
        assert bob.last_message.text.startswith("Hello, Bob!")
    fake_telegram.assert_no_handler_errors()


async def test_a_language_switch_answers_the_next_update_in_the_new_language(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        await add_product(tees, "Tee")
        olga = fake_telegram.user(4102, lang="ru", first_name="Ольга")
        await olga.send("/start")
        await olga.press("🛍 Каталог")
        assert olga.last_message.text == "Каталог. Выберите раздел:"
        await olga.press("☰ Меню")
        await olga.press("🌐 English")

        await olga.press("🛍 Catalogue")  # the next update, read in English
        assert olga.last_message.text == "Catalogue. Choose a section:"
    fake_telegram.assert_no_handler_errors()
