"""An admin builds a product in the bot (a category, two sizes in one colour, a 3-photo
album, stock); a shopper finds it and buys it; a later price change leaves that order's
price as it was. Every change is one audit row."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.catalogue import Product
from models.orders import OrderItem
from tests.bot.admin.catalogue.helpers import (
    create_category,
    create_tee,
    english_admin,
    photo_ids_of,
    the_product,
    variants_of,
)
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    Answers,
    admin_card,
    check_out,
    order_of,
    shop_settings,
)
from tests.bot.shop.shop import labels, press_starting, price
from tests.fixtures.app import running_bot


async def test_an_admin_creates_a_product_a_shopper_buys_it_and_a_new_price_spares_the_order(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        assert admin.last_message.text == "🗂 The catalogue is empty. Add the first category."
        await create_category(admin, "Tees")
        await create_tee(admin)

        product = await the_product()
        screen = admin.last_message
        assert screen.text.startswith(f"Basic tee\n{price('1 990 ₽')} · on sale\n\nHeavy cotton.")
        assert screen.text.endswith(
            f"S / white — P{product.id}-S-WHITE — 3 pcs\nM / white — P{product.id}-M-WHITE — 5 pcs"
        )
        assert "🖼 Photos (3)" in labels(screen)
        assert product.price == 1_990_00
        assert await variants_of(product.id) == [
            {"size": "S", "colour": "white", "sku": f"P{product.id}-S-WHITE", "stock": 3},
            {"size": "M", "colour": "white", "sku": f"P{product.id}-M-WHITE", "stock": 5},
        ]
        photo_ids = await photo_ids_of(product.id)
        assert len(photo_ids) == 3 and all(photo_ids) and len(set(photo_ids)) == 3

        shopper = fake_telegram.user(2001, lang="en", first_name="Bob", phone="+15550002001")
        await shopper.send("/start")
        await shopper.press("🛍 Catalogue")
        await shopper.press("Tees")
        shown = await press_starting(shopper, "Basic tee")
        assert [m.media_kind for m in shown[:3]] == ["photo"] * 3  # the album
        assert (shown[0].caption or "").endswith("In stock: S · white, M · white")
        assert shown[-1].text == "Basic tee: choose a size."
        await shopper.press("M · white")
        await shopper.press("1")
        await check_out(shopper, Answers(name="Bob", delivery="🏬 Pickup"))
        await shopper.press("✅ Confirm")
        await shopper.expect_message()
        order = await order_of(shopper)
        assert order.total == 1_990_00
        await admin_card(fake_telegram, admin.id, f"🆕 New order #{order.id}")

        await admin.press("✏ Price", message=screen)
        await admin.send("2490,50")
        assert admin.last_message.text.startswith(f"Basic tee\n{price('2 490,50 ₽')}")
        assert (await the_product()).price == 2_490_50
        items = await OrderItem.select(OrderItem.unit_price).where(OrderItem.order == order.id)
        assert items == [{"unit_price": 1_990_00}]
        assert (await order_of(shopper)).total == 1_990_00

        audit = await AuditLog.select(AuditLog.actor_id, AuditLog.action).order_by(AuditLog.id)
        assert audit == [
            {"actor_id": ENGLISH_ADMIN, "action": action}
            for action in ("category.create", "product.create", "stock.adjust", "product.price")
        ]
        assert await Product.count() == 1
