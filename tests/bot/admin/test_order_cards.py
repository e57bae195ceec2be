"""Admins move orders through their statuses with the card's buttons: every change reaches
the customer in the customer's language, cancelling returns the stock, moves the status
table does not allow are refused, and nobody but an admin changes anything."""

from __future__ import annotations

from actors.messages import SetOrderStatus
from actors.names import ORDER_PROCESSOR
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import AuditLog
from models.orders import CANCELLED, CONFIRMED, DELIVERED, NEW
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    SUPERADMIN,
    Answers,
    admin_card,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.bot.shop.shop import forged
from tests.fixtures.app import running_bot

NOT_ALLOWED_RU = "Это действие вам недоступно."
STALE_EN = "This button is out of date. Open the menu again: /start"


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


async def english_admin(tg: FakeTelegram) -> SimulatedUser:
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/start")
    return admin


async def test_an_admin_moves_an_order_along_and_the_customer_hears_it_in_russian(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")

        heard = []
        for button, status in (
            ("✅ Confirm", "confirmed"),
            ("🚚 Shipped", "shipped"),
            ("📦 Delivered", "delivered"),
        ):
            await admin.press(button, message=card)
            if status == "shipped":  # asked for a tracking number first
                await admin.press("⏭ No tracking number")
            else:
                assert admin.last_answer is not None
                assert admin.last_answer.answer_text == "Changing the status…"
            heard.append((await galina.expect_message()).text)
            assert card.text.startswith(f"Order #{order.id}\n")
            assert card.text.endswith(f"Status: {status}")

        assert heard == [
            f"✅ Заказ №{order.id} подтверждён.",
            f"🚚 Заказ №{order.id} отправлен.",
            f"📦 Заказ №{order.id} доставлен. Спасибо за покупку!",
        ]
        assert card.buttons == [
            ["✉ Message the customer"]
        ]  # delivered: nowhere left to go, but to write
        assert (await order_of(galina)).status == DELIVERED
        audit = await AuditLog.select(AuditLog.actor_id, AuditLog.action, AuditLog.target)
        assert (
            audit
            == [{"actor_id": ENGLISH_ADMIN, "action": "order.status", "target": str(order.id)}] * 3
        )
        assert await stock_of(tee) == 2


async def test_cancelling_returns_the_stock_and_a_stale_button_is_refused(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee, quantity=2)
        order = await order_of(galina)
        assert await stock_of(tee) == 1
        english_card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        russian_card = await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")

        confirm = russian_card.button("✅ Подтвердить")
        assert confirm is not None and confirm.data is not None
        await admin.press("✖ Cancel order", message=english_card)
        await admin.press("customer asked")  # asked for a reason first
        cancelled = await galina.expect_message()
        assert cancelled.text == f"✖ Заказ №{order.id} отменён.\nПричина: по вашей просьбе."
        assert await stock_of(tee) == 3

        owner = fake_telegram.user(SUPERADMIN)
        await fake_telegram.wait_for_chat(  # every admin's card shows the cancel
            fake_telegram.bot_id,
            SUPERADMIN,
            lambda: (
                True
                if russian_card.edited and russian_card.buttons == [["✉ Написать покупателю"]]
                else None
            ),
            what="the other admin's card edited",
        )
        await owner.press_forged(confirm.data, message=russian_card)  # an outdated button
        assert owner.last_answer is not None
        assert owner.last_answer.answer_text == (
            f"Заказ №{order.id} сейчас «отменён»: так изменить его нельзя."
        )
        assert russian_card.text.startswith(
            f"Заказ №{order.id} сейчас «отменён»: так изменить его нельзя.\n\nЗаказ №{order.id}"
        )
        assert russian_card.buttons == [["✉ Написать покупателю"]]
        assert (await order_of(galina)).status == CANCELLED
        assert await stock_of(tee) == 3
        assert await AuditLog.count() == 1


async def test_a_shopper_with_well_signed_admin_data_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram) as bot:
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)

        # What a tampered client can send: data signed for her own id, an admin action.
        await galina.press_forged(
            forged(settings, galina.id, "order.status", order.id, "cancelled")
        )
        assert galina.last_answer is not None
        assert galina.last_answer.answer_text == NOT_ALLOWED_RU
        for malformed in (
            forged(settings, ENGLISH_ADMIN, "order.status", order.id, "cancelled"),  # not hers
            b"1:order.status:1:cancelled",
            b"\xff\xfe",
        ):
            await galina.press_forged(malformed)

        # The processor checks the role again: a message naming a non-admin does nothing.
        processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
        await processor.send(SetOrderStatus(order.id, "cancelled", galina.id, galina.id, 1))
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        await admin.press("✅ Confirm", message=card)  # handled after the forged message
        confirmed = await galina.expect_message()

        assert confirmed.text == f"✅ Заказ №{order.id} подтверждён."
        assert (await order_of(galina)).status == CONFIRMED
        assert await stock_of(tee) == 2
        assert await AuditLog.count() == 1


async def test_a_malformed_admin_button_is_answered_and_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)

        for args in ((order.id, "refunded"), ("abc", "confirmed"), (order.id,)):
            await admin.press_forged(forged(settings, ENGLISH_ADMIN, "order.status", *args))
            assert admin.last_answer is not None
            assert admin.last_answer.answer_text == STALE_EN

        assert (await order_of(galina)).status == NEW
        assert await AuditLog.count() == 0
