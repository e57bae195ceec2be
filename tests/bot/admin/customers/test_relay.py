""" "✉ Message the customer": the admin's text reaches the customer as the shop's, the
customer's reply to that message reaches that admin (after a restart too), a reply to
anything else is handled as usual, and a non-admin cannot start a relay."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.conversations import ConversationState
from models.relays import CustomerRelay
from tests.bot.admin.customers.helpers import (
    GALINA,
    audit_rows,
    english_admin,
    find,
    galina_with_an_order,
)
from tests.bot.checkout.shop import ENGLISH_ADMIN, admin_card, order_of, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import running_bot

TO_GALINA = (
    "✉ Сообщение от магазина:\n\nYour parcel leaves tomorrow.\nSorry for the wait!\n\n"
    "Чтобы ответить, ответьте на это сообщение (Ответить)."
)


async def test_the_admins_text_reaches_the_customer_and_her_reply_reaches_that_admin(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        galina = await galina_with_an_order(fake_telegram)
        await galina.send("/start")
        admin = english_admin(fake_telegram)
        await find(admin, "8001")

        [ask] = await admin.press("✉ Message the customer")
        assert ask.text.startswith("Type your message for Галина @Galina_K · 8001")
        [sent] = await admin.send("Your parcel leaves tomorrow.\nSorry for the wait!")
        assert sent.text == "Sent to Галина. Their reply will come here."
        delivered = await galina.expect_message()
        assert delivered.text == TO_GALINA

        [audit] = await audit_rows()
        assert audit[:3] == (ENGLISH_ADMIN, "customer.message", str(GALINA))
        assert audit[3] == {
            "before": None,
            "after": {
                "message_id": delivered.id,
                "text": "Your parcel leaves tomorrow.\nSorry for the wait!",
            },
        }

    # The relay is stored: a restarted bot still knows where her reply goes.
    async with running_bot(settings, fake_telegram):
        [thanks] = await galina.send("Great, thank you!", reply_to=delivered)
        assert thanks.text == "Спасибо, ваш ответ передан магазину."
        relayed = await admin.expect_message()
        assert relayed.text == (
            "↩ The customer Галина @Galina_K · 8001 replied:\n\nGreat, thank you!"
        )
        assert relayed.button("✉ Answer") is not None

        # A reply to any other message of the bot is handled as usual: not relayed.
        menu = galina.messages[0]
        heard = len(admin.messages)
        replies = await galina.send("/start", reply_to=menu)
        assert replies and all("передан" not in reply.text for reply in replies)
        await galina.send("hello", reply_to=menu)
        assert len(admin.messages) == heard
        assert await CustomerRelay.count() == 1
    fake_telegram.assert_no_handler_errors()


async def test_a_non_admin_cannot_start_a_relay(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        galina = await galina_with_an_order(fake_telegram)
        shown = len(galina.messages)
        mallory = fake_telegram.user(7001, lang="en", first_name="Mallory")
        await mallory.send("/start")

        await mallory.press_forged(forged(settings, mallory.id, "cu.msg", GALINA))
        assert mallory.last_answer is not None
        assert mallory.last_answer.answer_text == "This action is not available to you."
        replies = await mallory.send("Pay me back or else")
        assert all("Sent to" not in reply.text for reply in replies)

        assert len(galina.messages) == shown
        assert await ConversationState.count() == 0
        assert await CustomerRelay.count() == 0
        assert await audit_rows() == []
    fake_telegram.assert_no_handler_errors()


async def test_the_order_card_starts_the_relay_to_that_orders_customer(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(sqlite_database), fake_telegram):
        galina = await galina_with_an_order(fake_telegram)
        await galina.send("/start")
        admin = english_admin(fake_telegram)
        order = await order_of(galina)
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")

        ask = (await admin.press("✉ Message the customer", message=card))[-1]
        assert ask.text.startswith("Type your message for Галина @Galina_K · 8001")
        await admin.send("Which colour did you mean?")
        delivered = await galina.expect_message()
        assert "Which colour did you mean?" in delivered.text
    fake_telegram.assert_no_handler_errors()
