"""Building a shop for the checkout tests, and playing a shopper through checkout.

The app must be running (`running_bot`): it migrates the database and binds the
tables, so the builders write straight into the shop's database. Catalogue data is in
Latin letters, so any Cyrillic an English reader sees is the bot's.
"""

from __future__ import annotations

from dataclasses import dataclass

from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.carts import add_to_cart
from models.catalogue import ProductVariant
from models.checkout import CheckoutSession
from models.orders import Order, get_order
from models.users import users_id_of
from tests.bot.shop.shop import CYRILLIC, add_category, add_product, labels
from tests.fixtures.app import SUPERADMIN, bot_settings

#: An admin (ADMIN_IDS) who reads English; the superadmin of `bot_settings` reads Russian.
ENGLISH_ADMIN = 900_002
PAYMENT_TOKEN = "284685063:TEST:checkout-tests-provider"

__all__ = [
    "CYRILLIC",
    "ENGLISH_ADMIN",
    "PAYMENT_TOKEN",
    "SUPERADMIN",
    "Answers",
    "admin_card",
    "check_out",
    "checkout_sessions",
    "everything_seen",
    "labels",
    "order_of",
    "put_in_cart",
    "shop_settings",
    "stock_of",
    "stock_one_product",
]

RU_CHECKOUT, EN_CHECKOUT = "✅ Оформить заказ", "✅ Checkout"
RU_CART, EN_CART = "🛒 Корзина", "🛒 Cart"


def shop_settings(database: Settings, **overrides: object) -> Settings:
    """The app's settings for these tests: a Russian superadmin, an English admin."""
    return bot_settings(database).model_copy(update={"admin_ids": [ENGLISH_ADMIN], **overrides})


async def stock_one_product(*, stock: int = 5, price: int = 1_990_00) -> int:
    """A tee in size M, white; returns the variant's id."""
    tees = await add_category("Tees")
    product = await add_product(tees, "Basic tee", price=price, variants=[("M", stock, "white")])
    return product.variant_ids[0]


async def put_in_cart(shopper: SimulatedUser, variant_id: int, quantity: int = 1) -> None:
    """The shopper (already recorded by the bot) puts items in the cart."""
    user_id = await users_id_of(shopper.id)
    assert user_id is not None, "the shopper must have talked to the bot first"
    assert await add_to_cart(user_id, variant_id, quantity) is not None


async def stock_of(variant_id: int) -> int:
    row = (
        await ProductVariant.select(ProductVariant.stock)
        .where(ProductVariant.id == variant_id)
        .first()
    )
    assert row is not None
    return int(row["stock"])


async def order_of(shopper: SimulatedUser) -> Order:
    """The shopper's one order."""
    user_id = await users_id_of(shopper.id)
    rows = await Order.select(Order.id).where(Order.user == user_id)
    assert len(rows) == 1, rows
    order = await get_order(rows[0]["id"])
    assert order is not None
    return order


async def checkout_sessions() -> int:
    return int(await CheckoutSession.count())


@dataclass(frozen=True)
class Answers:
    """What a shopper answers in checkout; labels are pressed, the rest typed."""

    name: str  # the suggested-name button's label, or typed
    delivery: str  # the delivery button's label
    address: str | None = None
    comment: str | None = None  # None: press "Skip"
    skip: str = "Skip"


async def check_out(shopper: SimulatedUser, answers: Answers, *, russian: bool = False) -> None:
    """From the menu: the cart, "Checkout", every question, up to the summary."""
    await shopper.press(RU_CART if russian else EN_CART)
    await shopper.press(RU_CHECKOUT if russian else EN_CHECKOUT)
    keyboard = shopper.reply_keyboard
    if keyboard is not None and keyboard.button(answers.name) is not None:
        await shopper.press(answers.name)
    else:
        await shopper.send(answers.name)
    await shopper.share_contact()
    await shopper.press(answers.delivery)
    if answers.address is not None:
        await shopper.send(answers.address)
    if answers.comment is None:
        await shopper.press(answers.skip)
    else:
        await shopper.send(answers.comment)


async def admin_card(tg: FakeTelegram, admin_id: int, headline: str) -> BotMessage:
    """The latest order card starting with `headline` in an admin's chat, waiting for it
    (the order processor sends cards after it told the customer)."""
    admin = tg.user(admin_id)

    def card() -> BotMessage | None:
        cards = [m for m in admin.messages if m.text.startswith(headline)]
        return cards[-1] if cards else None

    return await tg.wait_for_chat(tg.bot_id, admin_id, card, what=f"a card {headline!r}")


#: The menu's language switch names the other language in that language, on purpose.
LANGUAGE_SWITCHES = ("🌐 Русский", "🌐 English")


def everything_seen(shopper: SimulatedUser) -> list[str]:
    """Every text the shopper was shown: messages (as edited), buttons (but the
    language switch), toasts."""
    shown = [text for m in shopper.messages for text in (m.text, *labels(m)) if text]
    for message in shopper.messages:
        shown.extend(version.text for version in message.edits if version.text)
    shown.extend(answer.answer_text or "" for answer in shopper.answers)
    return [text for text in shown if text and text not in LANGUAGE_SWITCHES]
