"""A product after its creation: photos moved, replaced, deleted and added; title and
description edited; withdrawn from sale and back; deleted while in a shopper's cart
(the cart shows the line as removed). Each change is one audit row."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.catalogue import Product, ProductVariant
from tests.bot.admin.catalogue.helpers import (
    create_category,
    create_tee,
    english_admin,
    photo_ids_of,
    pngs,
    the_product,
    variants_of,
)
from tests.bot.checkout.shop import put_in_cart, shop_settings
from tests.bot.shop.shop import labels
from tests.fixtures.app import running_bot


async def test_photos_are_moved_replaced_deleted_and_added(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await create_tee(admin, photos=3)
        product = await the_product()
        first, second, third = await photo_ids_of(product.id)

        await admin.press("🖼 Photos (3)")
        assert admin.last_message.text.startswith("Photos of “Basic tee”: 3 of 10.")
        await admin.press("3 ⬆")
        assert await photo_ids_of(product.id) == [first, third, second]
        await admin.press("1 🗑")
        assert await photo_ids_of(product.id) == [third, second]
        await admin.press("2 🔁")
        [reply] = await admin.send("not a photo")
        assert reply.text.startswith("A photo is needed here")
        await admin.send_photo(pngs(5)[4])
        replaced = await photo_ids_of(product.id)
        assert replaced[0] == third and replaced[1] not in (first, second, third)
        assert admin.last_message.text.startswith("Photos of “Basic tee”: 2 of 10.")

        await admin.press("➕ Add photos")
        [asked] = await admin.send_photo(pngs(4)[3])
        assert "Received: 3." in asked.text
        await admin.press("✅ Done")
        assert admin.last_message.text.startswith("Photos of “Basic tee”: 3 of 10.")
        shown = await admin.press("👁 Show photos")
        assert [m.media_kind for m in shown[:3]] == ["photo"] * 3
        assert len(await photo_ids_of(product.id)) == 3

        actions = [row["action"] for row in await AuditLog.select(AuditLog.action)]
        assert actions[-4:] == ["photo.move", "photo.delete", "photo.replace", "photo.add"]


async def test_fields_are_edited_sale_toggled_and_a_deleted_product_leaves_carts_as_removed(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await create_tee(admin, photos=0)
        product = await the_product()

        await admin.press("✏ Title")
        await admin.send("Heavy tee")
        await admin.press("✏ Description")
        await admin.send("Thick\n\n\n\ncotton.\x07")
        assert admin.last_message.text.startswith("Heavy tee\n")
        assert "\n\nThick\n\ncotton.\n\n" in admin.last_message.text
        await admin.press("⚪ Withdraw from sale")
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "The product is withdrawn from sale"
        assert not (await the_product()).is_available
        await admin.press("🟢 Put on sale")
        assert (await the_product()).is_available

        shopper = fake_telegram.user(2001, lang="en", first_name="Bob")
        await shopper.send("/start")
        variant = await ProductVariant.objects().where(ProductVariant.product == product.id).first()
        assert variant is not None
        await put_in_cart(shopper, int(variant.id))

        await admin.press("🗑 Delete")
        assert admin.last_message.text.startswith("Delete “Heavy tee” for good?")
        await admin.press("🗑 Yes, delete")
        assert admin.last_message.text == "Category “Tees” (shown to shoppers), products: 0."
        assert await Product.count() == 0

        await shopper.press("🛒 Cart")
        assert "removed from the shop" in shopper.last_message.text

        actions = [row["action"] for row in await AuditLog.select(AuditLog.action)]
        assert actions[-5:] == [
            "product.title",
            "product.description",
            "product.available",
            "product.available",
            "product.delete",
        ]


async def test_the_grid_grows_a_variant_without_stock_goes_and_a_product_changes_category(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Caps")
        await admin.press("⬅ Categories")
        await create_category(admin, "Tees")
        await create_tee(admin, photos=0, stock="3 0")
        product = await the_product()

        await admin.press("📦 Stock and SKUs")
        await admin.press("➕ Colour")
        await admin.send("black, White")  # white is there already
        await admin.press("➕ Size")
        await admin.send("L")
        assert [(v["size"], v["colour"], v["stock"]) for v in await variants_of(product.id)] == [
            ("S", "white", 3),
            ("M", "white", 0),
            ("S", "black", 0),
            ("M", "black", 0),
            ("L", "white", 0),
            ("L", "black", 0),
        ]
        skus = [v["sku"] for v in await variants_of(product.id)]
        assert len(set(skus)) == 6

        screen = admin.last_message
        # Each row: the variant's stock, its SKU, its 🗑.
        s_white_delete, m_white_delete = (row[2].data for row in screen.button_rows[:2])
        assert s_white_delete is not None and m_white_delete is not None
        await admin.press_forged(s_white_delete, message=screen)
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == (
            "3 in stock. Only a variant with none in stock can be deleted: set =0 first."
        )
        await admin.press_forged(m_white_delete, message=screen)
        assert len(await variants_of(product.id)) == 5

        await admin.press("⬅ Product")
        await admin.press("📂 Move to another category")
        assert labels(admin.last_message) == ["Caps", "⬅ Product"]
        await admin.press("Caps")
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "Product moved"
        moved = await the_product()
        assert moved.category != product.category

        actions = [row["action"] for row in await AuditLog.select(AuditLog.action)]
        assert actions[-4:] == ["variant.add", "variant.add", "variant.delete", "product.category"]
