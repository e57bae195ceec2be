"""A name that will not do is asked for again with the same keyboard: the suggested name
(from the shopper's Telegram profile) stays one press away."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from tests.bot.checkout.shop import put_in_cart, shop_settings, stock_one_product
from tests.fixtures.app import running_bot


async def test_the_reasked_name_question_keeps_the_suggested_name_button(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana = fake_telegram.user(
            9101, lang="en", first_name="Hana", last_name="Sato", phone="+447700900999"
        )
        await hana.send("/start")
        await put_in_cart(hana, await stock_one_product())
        await hana.press("🛒 Cart")
        await hana.press("✅ Checkout")
        asked = hana.reply_keyboard
        assert asked is not None and asked.buttons == [["Hana Sato"], ["✖ Cancel checkout"]]

        [again] = await hana.send("H")  # too short to be a name

        assert again.text.startswith("Please type a name of 2 to 64 characters")
        assert hana.reply_keyboard is not None
        assert hana.reply_keyboard.buttons == [["Hana Sato"], ["✖ Cancel checkout"]]
        [phone_question] = await hana.press("Hana Sato")
        assert phone_question.text.startswith("Your phone number")


async def test_a_profile_name_the_question_would_refuse_is_not_suggested(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        kai = fake_telegram.user(9102, lang="en", first_name="K" * 70, phone="+447700900998")
        await kai.send("/start")
        await put_in_cart(kai, await stock_one_product())
        await kai.press("🛒 Cart")
        await kai.press("✅ Checkout")

        assert kai.reply_keyboard is not None
        assert kai.reply_keyboard.buttons == [["✖ Cancel checkout"]]
