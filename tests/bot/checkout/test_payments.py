"""Paying online: the invoice, the pre-checkout answer (yes while the order can be paid,
no once it cannot), a successful payment marking the order paid exactly once however
often Telegram repeats it, and an unpaid order releasing its stock after the timeout."""

from __future__ import annotations

from pydantic import SecretStr

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.orders import CANCELLED, ONLINE, PAID, Order
from models.payments import PaymentReceipt, store_payment, unprocessed_payments
from tests.bot.checkout.shop import (
    PAYMENT_TOKEN,
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
from tests.fixtures.app import running_bot


def online_settings(database: Settings, *, timeout_minutes: float = 30) -> Settings:
    return shop_settings(
        database,
        payment_provider_token=SecretStr(PAYMENT_TOKEN),
        order_payment_timeout=timeout_minutes,
    )


async def order_online(tg: FakeTelegram, variant_id: int) -> SimulatedUser:
    """An English shopper orders one item and is sent the invoice."""
    carol = tg.user(5001, lang="en", first_name="Carol", phone="+447700900555")
    await carol.send("/start")
    await put_in_cart(carol, variant_id)
    await check_out(carol, Answers(name="Carol", delivery="🏬 Pickup"))
    await carol.press("✅ Confirm")
    await carol.expect_message()  # the order's number
    await carol.expect_message()  # the invoice
    return carol


async def test_an_order_paid_online_is_marked_paid_once_even_if_the_payment_comes_twice(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(online_settings(database), fake_telegram):
        tee = await stock_one_product(stock=2, price=1_990_00)
        carol = await order_online(fake_telegram, tee)
        order = await order_of(carol)
        placed, invoice = carol.messages[-2:]

        assert placed.text.endswith(
            "Please pay with the invoice below within 30 min, or the order is cancelled."
        )
        assert invoice.media_kind == "invoice"
        sent = fake_telegram.payments.invoice_of(invoice)
        assert (sent.currency, sent.total_amount, sent.payload) == (
            "RUB",
            1_990_00,
            f"order:{order.id}".encode(),
        )
        assert sent.provider_token == PAYMENT_TOKEN
        assert (order.payment_method, order.payment_due_at is not None) == (ONLINE, True)

        payment = await carol.pay(invoice)
        assert payment.accepted
        paid_notice = await carol.expect_message()
        assert paid_notice.text == f"💳 Payment for order #{order.id} received. Thank you!"
        await fake_telegram.payments.deliver_again(payment)

        paid = await order_of(carol)
        assert (paid.status, paid.payment_charge_id) == (PAID, payment.charge_id)
        assert paid.payment_due_at is None
        assert carol.messages[-1].id == paid_notice.id  # the repeat changed nothing, said nothing
        card = await admin_card(fake_telegram, SUPERADMIN, f"💳 Заказ №{order.id} оплачен")
        assert card.buttons == [["🚚 Отправлен"], ["✖ Отменить заказ"], ["✉ Написать покупателю"]]
        assert await stock_of(tee) == 1


async def test_the_pre_checkout_query_is_refused_once_the_order_is_cancelled(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(online_settings(database), fake_telegram):
        tee = await stock_one_product(stock=2)
        carol = await order_online(fake_telegram, tee)
        invoice = carol.messages[-1]
        order = await order_of(carol)
        admin = fake_telegram.user(SUPERADMIN)
        await admin.press(
            "✖ Отменить заказ",
            message=await admin_card(fake_telegram, SUPERADMIN, f"🆕 Новый заказ №{order.id}"),
        )
        await admin.press("нет в наличии")  # the reason asked first
        cancelled = await carol.expect_message()
        assert cancelled.text == (
            f"✖ Order #{order.id} is cancelled.\nReason: the item turned out to be out of stock."
        )

        payment = await carol.pay(invoice)

        assert payment.answered and not payment.accepted
        assert payment.error == "This order can no longer be paid."
        assert (await order_of(carol)).status == CANCELLED
        assert await stock_of(tee) == 2


async def test_an_unpaid_order_releases_its_stock_when_its_time_is_up(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    # 0.005 minutes: the payment timeout runs out in 0.3 s, and the processor's timer
    # checks four times as often. The test waits for the customer's message, not a time.
    async with running_bot(online_settings(database, timeout_minutes=0.005), fake_telegram):
        tee = await stock_one_product(stock=1)
        carol = await order_online(fake_telegram, tee)
        invoice = carol.messages[-1]
        order = await order_of(carol)

        expired = await carol.expect_message(timeout=10)

        assert expired.text == (
            f"⌛ Order #{order.id} was not paid within 0.005 min and is cancelled; "
            "its items are back on sale."
        )
        assert (await order_of(carol)).status == CANCELLED
        assert await stock_of(tee) == 1
        # The admins are told after the customer: wait for it.
        await admin_card(fake_telegram, SUPERADMIN, f"⌛ Заказ №{order.id} не оплачен вовремя")
        payment = await carol.pay(invoice)
        assert not payment.accepted
        assert await Order.count() == 1


async def test_a_stored_payment_the_processor_never_took_is_taken_at_the_next_start(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = online_settings(database)
    async with running_bot(settings, fake_telegram):
        tee = await stock_one_product(stock=2, price=1_990_00)
        carol = await order_online(fake_telegram, tee)
        order = await order_of(carol)
    # What the payment handler stores before it tells the order processor; the bot
    # died before the processor read the message.
    assert await store_payment(
        PaymentReceipt("charge-lost-in-a-crash", order.id, carol.id, order.total, "RUB")
    )

    async with running_bot(settings, fake_telegram):
        paid_notice = await carol.expect_message()

        assert paid_notice.text.startswith(f"💳 Payment for order #{order.id} received.")
        assert (await order_of(carol)).status == PAID
        assert await unprocessed_payments() == []
