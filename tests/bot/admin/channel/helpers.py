"""Playing an admin through the Channel section, and reading the channel's posts."""

from __future__ import annotations

from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from fake_telegram.telegram import DEFAULT_BOT_USERNAME
from tests.bot.checkout.shop import ENGLISH_ADMIN, Answers, check_out, put_in_cart

CHANNEL_SECTION = "📢 Channel"


async def channel_screen(tg: FakeTelegram) -> SimulatedUser:
    """The English admin at the Channel section's first page."""
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/start")
    await admin.send("/admin")
    await admin.press(CHANNEL_SECTION)
    return admin


def buy_link(product_id: int) -> str:
    return f"https://t.me/{DEFAULT_BOT_USERNAME}?start=p_{product_id}"


def posts(tg: FakeTelegram, chat_id: int) -> list[BotMessage]:
    """The bot's messages in a channel (deleted ones gone), topics' openers left out."""
    return [message for message in tg.messages_in(chat_id) if message.outgoing]


async def russian_order(tg: FakeTelegram, variant_id: int, quantity: int = 1) -> SimulatedUser:
    """A Russian shopper orders `quantity` of a variant, paid on delivery."""
    galina = tg.user(8001, lang="ru", first_name="Галина", phone="+79990000008")
    await galina.send("/start")
    await put_in_cart(galina, variant_id, quantity)
    await check_out(
        galina, Answers(name="Галина", delivery="🏬 Самовывоз", skip="Пропустить"), russian=True
    )
    await galina.press("✅ Подтвердить")
    await galina.expect_message()
    return galina
