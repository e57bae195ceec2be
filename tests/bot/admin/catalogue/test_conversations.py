"""Admin conversations are stored: one begun before a restart goes on after it, its
buttons still work; Cancel and `/admin` leave it, and what is typed next is no answer."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.catalogue import Category, Product
from models.conversations import get_conversation
from tests.bot.admin.catalogue.helpers import (
    create_category,
    english_admin,
    the_product,
    variants_of,
)
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.fixtures.app import running_bot


async def test_a_product_begun_before_a_restart_is_finished_after_it(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await admin.press("➕ Add a product")
        await admin.send("Basic tee")
        await admin.send("Heavy cotton.")
        await admin.send("1990")
        await admin.send("M")
        colours_question = admin.last_message

    async with running_bot(settings, fake_telegram):
        await admin.press("Skip", message=colours_question)
        await admin.press("✅ Done")
        await admin.send("4")
        assert admin.last_message.text.startswith("Basic tee\n")
        product = await the_product()
        assert (product.title, product.description, product.price) == (
            "Basic tee",
            "Heavy cotton.",
            1_990_00,
        )
        assert [(v["size"], v["colour"], v["stock"]) for v in await variants_of(product.id)] == [
            ("M", None, 4)
        ]
        assert await get_conversation(ENGLISH_ADMIN) is None


async def test_cancel_and_admin_leave_a_conversation(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await admin.press("➕ Add a product")
        await admin.press("✖ Cancel")
        assert admin.last_message.text == "Cancelled. Management menu: /admin"
        assert await admin.send("Basic tee") == []

        await admin.send("/admin")
        await admin.press("🗂 Catalogue")
        await admin.press("➕ New category")
        await admin.send("/admin")
        assert admin.last_message.text == "Shop management"
        assert await admin.send("Caps") == []
        assert await get_conversation(ENGLISH_ADMIN) is None
        assert await Category.count() == 1
        assert await Product.count() == 0
