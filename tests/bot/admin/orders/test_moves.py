"""Moves from the order card, seen by every admin: one admin's change edits every
admin's card of the order; a press on an outdated card is answered with the order as it
is now and changes nothing; a cancel asks a reason (the customer gets it, the stock
comes back); Shipped asks a tracking number (the customer gets it). Each move is in
the card's history (who, when) and is one audit row with before and after."""

from __future__ import annotations

import json

from config import Settings
from fake_telegram import BotMessage, FakeTelegram
from models.admins import AuditLog
from models.order_history import list_status_changes
from models.orders import CANCELLED, CONFIRMED, SHIPPED
from tests.bot.admin.orders.helpers import english_admin, russian_order
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    SUPERADMIN,
    admin_card,
    order_of,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot


async def edited_to(tg: FakeTelegram, chat_id: int, card: BotMessage, ending: str) -> None:
    await tg.wait_for_chat(
        tg.bot_id,
        chat_id,
        lambda: True if card.text.endswith(ending) else None,
        what=f"the card of {chat_id} ending {ending!r}",
    )


async def test_two_admins_see_a_new_order_one_confirms_and_the_others_card_follows(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        owner = fake_telegram.user(SUPERADMIN, lang="ru", first_name="Олег")
        await owner.send("/start")
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)
        english_card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        russian_card = await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}")
        assert "tg://user?id=8001" in russian_card.text
        old_confirm = russian_card.button("✅ Подтвердить")
        assert old_confirm is not None and old_confirm.data is not None

        await admin.press("✅ Confirm", message=english_card)
        assert (await galina.expect_message()).text == f"✅ Заказ №{order.id} подтверждён."
        await edited_to(fake_telegram, SUPERADMIN, russian_card, "Статус: подтверждён")
        assert russian_card.buttons == [
            ["🚚 Отправлен"],
            ["✖ Отменить заказ"],
            ["✉ Написать покупателю"],
        ]
        assert "История:\n• " in russian_card.text
        assert "— подтверждён — Ann (900002)" in russian_card.text

        await owner.press_forged(old_confirm.data, message=russian_card)  # outdated
        assert owner.last_answer is not None
        assert owner.last_answer.answer_text == (
            f"Заказ №{order.id} сейчас «подтверждён»: так изменить его нельзя."
        )
        assert russian_card.text.startswith(
            f"Заказ №{order.id} сейчас «подтверждён»: так изменить его нельзя.\n\n"
        )
        assert russian_card.buttons == [
            ["🚚 Отправлен"],
            ["✖ Отменить заказ"],
            ["✉ Написать покупателю"],
        ]
        assert (await order_of(galina)).status == CONFIRMED
        rows = await AuditLog.select(AuditLog.actor_id, AuditLog.target, AuditLog.details)
        assert len(rows) == 1
        details = rows[0]["details"]
        parsed = json.loads(details) if isinstance(details, str) else details
        assert rows[0]["actor_id"] == ENGLISH_ADMIN
        assert parsed == {"before": "new", "after": "confirmed"}
        assert await stock_of(tee) == 2


async def test_cancel_with_a_typed_reason_returns_the_stock_and_tells_the_customer(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee, quantity=2)
        order = await order_of(galina)
        assert await stock_of(tee) == 1
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")

        await admin.press("✖ Cancel order", message=card)
        question = admin.last_message
        assert question.text.startswith(f"Why cancel order #{order.id}?")
        assert question.buttons == [
            ["out of stock"],
            ["customer asked"],
            ["no answer"],
            ["↩ Keep the order"],
        ]
        [again] = await admin.send("🙂")  # says nothing
        assert again.text.startswith("A reason is a text of up to 300 characters")
        await admin.send("Размер закончился на складе")
        cancelled = await galina.expect_message()

        assert cancelled.text == (
            f"✖ Заказ №{order.id} отменён.\nПричина: Размер закончился на складе."
        )
        assert await stock_of(tee) == 3
        await edited_to(fake_telegram, ENGLISH_ADMIN, card, "Status: cancelled")
        assert "; reason: Размер закончился на складе" in card.text
        assert card.buttons == [["✉ Message the customer"]]
        [move] = await list_status_changes(order.id)
        assert (move.previous, move.current, move.actor_id) == ("new", CANCELLED, ENGLISH_ADMIN)
        assert move.note.reason_text == "Размер закончился на складе"
        # The question's buttons are stale once it is answered.
        await admin.press("out of stock", message=question)
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == (
            "This button is out of date. Open the menu again: /start"
        )
        assert await AuditLog.count() == 1


async def test_keep_the_order_leaves_it_as_it_was(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")

        await admin.press("✖ Cancel order", message=card)
        question = admin.last_message
        await admin.press("↩ Keep the order", message=question)
        await admin.press("no answer", message=question)

        assert (await order_of(galina)).status == "new"
        assert await stock_of(tee) == 2
        assert await AuditLog.count() == 0


async def test_shipped_with_a_tracking_number_tells_the_customer_the_number(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=3)
        galina = await russian_order(fake_telegram, tee)
        order = await order_of(galina)
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        await admin.press("✅ Confirm", message=card)
        await galina.expect_message()
        await edited_to(fake_telegram, ENGLISH_ADMIN, card, "Status: confirmed")

        await admin.press("🚚 Shipped", message=card)
        assert admin.last_message.text.startswith(f"Tracking number for order #{order.id}?")
        [again] = await admin.send("RA 1\nsecond line <b>")
        assert again.text.startswith("A tracking number is one line")
        await admin.send("RA123456789RU")
        shipped = await galina.expect_message()

        assert shipped.text == f"🚚 Заказ №{order.id} отправлен.\nТрек-номер: RA123456789RU"
        await edited_to(fake_telegram, ENGLISH_ADMIN, card, "Status: shipped")
        assert "; tracking number: RA123456789RU" in card.text
        assert card.buttons == [["📦 Delivered"], ["✉ Message the customer"]]
        assert (await order_of(galina)).status == SHIPPED
        assert await AuditLog.count() == 2
