"""The checkout conversation itself: leaving it cleanly by "Cancel" or `/start`, editing an
answer from the summary, lines that cannot be ordered, and a double "Confirm"."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.catalogue import Product
from models.orders import Order
from tests.bot.checkout.shop import (
    Answers,
    check_out,
    checkout_sessions,
    order_of,
    put_in_cart,
    shop_settings,
    stock_one_product,
)
from tests.bot.shop.shop import add_category, add_product
from tests.fixtures.app import running_bot

CANCELLED_EN = "Checkout cancelled. Your items are still in your cart."


async def shopper_with_a_cart(tg: FakeTelegram, user_id: int = 9001) -> tuple[SimulatedUser, int]:
    hana = tg.user(user_id, lang="en", first_name="Hana", phone="+447700900999")
    await hana.send("/start")
    tee = await stock_one_product(stock=3)
    await put_in_cart(hana, tee)
    return hana, tee


async def test_cancel_at_a_question_ends_checkout_and_takes_the_keyboard_away(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana, _tee = await shopper_with_a_cart(fake_telegram)
        await hana.press("🛒 Cart")
        await hana.press("✅ Checkout")
        await hana.send("Hana")
        assert hana.reply_keyboard is not None

        [goodbye] = await hana.press("✖ Cancel checkout")

        assert goodbye.text == CANCELLED_EN
        assert hana.reply_keyboard is None
        assert await checkout_sessions() == 0
        await hana.send("+447700900999")  # no longer an answer to anything
        assert hana.last_message.text == CANCELLED_EN


async def test_start_during_checkout_leaves_it_and_shows_the_menu(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana, _tee = await shopper_with_a_cart(fake_telegram)
        await hana.press("🛒 Cart")
        await hana.press("✅ Checkout")
        await hana.press("Hana")

        [goodbye, menu] = await hana.send("/start")

        assert goodbye.text == CANCELLED_EN
        assert menu.text.startswith("Hello, Hana!")
        assert hana.reply_keyboard is None
        assert await checkout_sessions() == 0


async def test_an_answer_is_edited_from_the_summary(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana, _tee = await shopper_with_a_cart(fake_telegram)
        await check_out(hana, Answers(name="Hana", delivery="🏬 Pickup", comment="Ring twice"))

        await hana.press("✏️ Edit")  # the question with the buttons becomes the edit menu
        menu = hana.last_message
        assert menu.text == "What would you like to change?"
        assert menu.buttons == [["Name", "Phone"], ["Delivery", "Comment"], ["← Back"]]
        await hana.press("Delivery")
        await hana.press("🚚 Courier")  # needs an address, asked next
        [summary, _confirm] = await hana.send("London, 1 High St")

        assert "Delivery: 🚚 Courier\nAddress: London, 1 High St\nComment: Ring twice" in (
            summary.text
        )
        await hana.press("✅ Confirm")
        await hana.expect_message()
        order = await order_of(hana)
        assert (order.delivery_method, order.address, order.comment) == (
            "courier",
            "London, 1 High St",
            "Ring twice",
        )


async def test_lines_that_cannot_be_ordered_are_named_and_stay_in_the_cart(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana, _tee = await shopper_with_a_cart(fake_telegram)
        caps = await add_category("Caps")
        cap = await add_product(caps, "Red cap", variants=[("L", 1, None)])
        await put_in_cart(hana, cap.variant_ids[0])
        await Product.update({Product.is_available: False}).where(Product.id == cap.id)

        await hana.press("🛒 Cart")
        [question] = await hana.press("✅ Checkout")

        assert question.text.startswith(
            "These lines cannot be ordered now and will stay in your cart:\n"
            "• Red cap, L × 1 — no longer on sale\n\n"
        )
        await hana.press("Hana")
        await hana.share_contact()
        await hana.press("🏬 Pickup")
        [summary, _confirm] = await hana.press("Skip")
        assert "Red cap" not in summary.text
        await hana.press("✅ Confirm")
        await hana.expect_message()
        assert (await order_of(hana)).total == 1_990_00


async def test_a_double_confirm_places_one_order(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        hana, _tee = await shopper_with_a_cart(fake_telegram)
        await check_out(hana, Answers(name="Hana", delivery="🏬 Pickup"))
        confirm = hana.last_message
        data = confirm.button("✅ Confirm")
        assert data is not None and data.data is not None

        await hana.press("✅ Confirm")
        await hana.press_forged(data.data, message=confirm)  # pressed again, quickly
        await fake_telegram.wait_for_chat(  # the order's message, before or after the press
            fake_telegram.bot_id,
            hana.id,
            lambda: True if any("is placed!" in m.text for m in hana.messages) else None,
            what="the order's message",
        )

        assert await Order.count() == 1
        assert hana.last_answer is not None
        assert hana.last_answer.answer_text in (
            "Your order is being placed, one moment please.",
            "This checkout is already over.",
        )
