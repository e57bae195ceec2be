"""The cart: quantities changed, lines removed, cleared; lines that can no longer be
ordered (product deleted, sold out, short, withdrawn) are shown as such, not crashed on."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.carts import CartItem, LineState, RemovedLine, add_to_cart, checkout_lines
from models.catalogue import Product, ProductVariant
from models.users import users_id_of
from tests.bot.shop.shop import action_of, add_category, add_product, labels, price
from tests.fixtures.app import bot_settings, running_bot


async def test_change_a_quantity_remove_a_line_and_clear_the_cart(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", price=1_000_00, variants=[("M", 7, None)])
        cap = await add_product(tees, "Cap", price=500_00, variants=[("One size", 3, None)])
        alice = fake_telegram.user(2201, lang="ru", first_name="Алиса")
        await alice.send("/start")
        user_id = await users_id_of(alice.id)
        assert user_id is not None
        await add_to_cart(user_id, tee.variant_ids[0], 2)
        await add_to_cart(user_id, cap.variant_ids[0], 1)

        await alice.press("🛒 Корзина")
        assert f"Итого: {price('2 500 ₽')}" in alice.last_message.text
        await alice.press("✏️ 1. Tee × 2")
        editor = alice.last_message
        assert editor.text.startswith("Tee, M\n")
        assert labels(editor) == ["1", "· 2 ·", "3", "4", "5", "6", "7", "🗑 Удалить", "← Корзина"]

        await alice.press("4")
        assert alice.last_answer is not None
        assert alice.last_answer.answer_text == "Количество изменено"
        assert f"4 × {price('1 000 ₽')} = {price('4 000 ₽')}" in alice.last_message.text
        assert f"Итого: {price('4 500 ₽')}" in alice.last_message.text

        await alice.press("✏️ 2. Cap × 1")
        await alice.press("🗑 Удалить")
        assert alice.last_answer.answer_text == "Удалено из корзины"
        assert "Cap" not in alice.last_message.text
        assert f"Итого: {price('4 000 ₽')}" in alice.last_message.text

        await alice.press("🧹 Очистить корзину")
        assert alice.last_message.text == "Убрать из корзины все товары?"
        await alice.press("Да, очистить")
        assert alice.last_message.text == "Ваша корзина пуста. Загляните в каталог!"
        assert labels(alice.last_message) == ["🛍 Каталог", "☰ Меню"]
        assert await CartItem.count().where(CartItem.user == user_id) == 0


async def test_lines_that_can_no_longer_be_ordered_are_reported_and_left_out(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        shop = await add_category("Shop")
        keeps = await add_product(shop, "Tee", price=1_000_00, variants=[("M", 5, None)])
        deleted = await add_product(shop, "Jacket", variants=[("L", 5, "navy")])
        sold_out = await add_product(shop, "Hoodie", variants=[("S", 5, None)])
        short = await add_product(shop, "Socks", variants=[("42", 5, None)])
        withdrawn = await add_product(shop, "Scarf", variants=[("One", 5, None)])
        bob = fake_telegram.user(2202, lang="en", first_name="Bob")
        await bob.send("/start")
        user_id = await users_id_of(bob.id)
        assert user_id is not None
        for product in (keeps, deleted, sold_out, withdrawn):
            await add_to_cart(user_id, product.variant_ids[0], 1)
        await add_to_cart(user_id, short.variant_ids[0], 3)

        await Product.delete().where(Product.id == deleted.id)
        await ProductVariant.update({ProductVariant.stock: 0}).where(
            ProductVariant.id == sold_out.variant_ids[0]
        )
        await ProductVariant.update({ProductVariant.stock: 2}).where(
            ProductVariant.id == short.variant_ids[0]
        )
        await Product.update({Product.is_available: False}).where(Product.id == withdrawn.id)

        await bob.press("🛒 Cart")
        cart = bob.last_message.text
        assert f"1. Tee, M\n    1 × {price('1 000 ₽')} = {price('1 000 ₽')}" in cart
        assert "2. Jacket, L · navy × 1\n    removed from the shop" in cart
        assert "3. Hoodie, S × 1\n    sold out" in cart
        assert "4. Scarf, One × 1\n    no longer on sale" in cart
        assert "5. Socks, 42 × 3\n    only 2 left" in cart
        assert f"Total: {price('1 000 ₽')}" in cart
        assert "⚠️ Unavailable lines will not be ordered." in cart
        assert action_of(settings, bob.id, bob.last_message, "✅ Checkout").action == (
            "checkout.start"
        )

        available, unavailable = await checkout_lines(user_id)
        assert [line.title for line in available] == ["Tee"]
        assert [(line.title, line.state) for line in unavailable] == [
            ("Jacket", LineState.REMOVED),
            ("Hoodie", LineState.SOLD_OUT),
            ("Scarf", LineState.WITHDRAWN),
            ("Socks", LineState.SHORT),
        ]
        assert isinstance(unavailable[0], RemovedLine)

        await bob.press("✏️ 2. Jacket × 1")
        assert bob.last_message.text == (
            "Jacket, L · navy × 1\nRemoved from the shop. You can only remove this line."
        )
        assert labels(bob.last_message) == ["🗑 Remove", "← Cart"]
        await bob.press("🗑 Remove")
        assert "Jacket" not in bob.last_message.text

        await bob.press("✏️ 4. Socks × 3")  # short: can be lowered to what is left
        assert labels(bob.last_message) == ["1", "2", "🗑 Remove", "← Cart"]
        await bob.press("2")
        assert f"Total: {price('4 980 ₽')}" in bob.last_message.text


async def test_a_cart_of_lines_that_cannot_be_ordered_offers_no_checkout(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        shop = await add_category("Shop")
        gone = await add_product(shop, "Jacket", variants=[("L", 5, None)])
        sold_out = await add_product(shop, "Hoodie", variants=[("S", 5, None)])
        carol = fake_telegram.user(2203, lang="en", first_name="Carol")
        await carol.send("/start")
        user_id = await users_id_of(carol.id)
        assert user_id is not None
        await add_to_cart(user_id, gone.variant_ids[0], 1)
        await add_to_cart(user_id, sold_out.variant_ids[0], 1)
        await Product.delete().where(Product.id == gone.id)
        await ProductVariant.update({ProductVariant.stock: 0}).where(
            ProductVariant.id == sold_out.variant_ids[0]
        )

        await carol.press("🛒 Cart")

        assert f"Total: {price('0 ₽')}" in carol.last_message.text
        assert labels(carol.last_message) == [
            "✏️ 1. Jacket × 1",
            "✏️ 2. Hoodie × 1",
            "🧹 Clear cart",
            "🛍 Catalogue",
            "☰ Menu",
        ]
