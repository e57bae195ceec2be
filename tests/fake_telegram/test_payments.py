"""Payments in the fake, with a tiny real Kurigram bot: the invoice, the pre-checkout query
and its 10-second answer, and the successful payment as Kurigram parses it."""

from __future__ import annotations

import pytest
from pyrogram import Client, filters
from pyrogram.errors import PaymentProviderInvalid
from pyrogram.handlers import MessageHandler, PreCheckoutQueryHandler
from pyrogram.types import LabeledPrice, Message, PreCheckoutQuery

from fake_telegram import FakeTelegram
from tests.fake_telegram.helpers import present, running


def cashier_bot(tg: FakeTelegram, paid: list[Message], *, agree: bool | None) -> Client:
    """Answers pre-checkout queries yes (`agree`), no, or not at all (None)."""
    client = tg.make_client()

    async def pre_checkout(_client: Client, query: PreCheckoutQuery) -> None:
        if agree is not None:
            await query.answer(ok=agree, error_message=None if agree else "Sold out")

    async def payment(_client: Client, message: Message) -> None:
        paid.append(message)

    client.add_handler(PreCheckoutQueryHandler(pre_checkout))
    client.add_handler(MessageHandler(payment, filters.successful_payment))
    tg.install_observer(client)
    return client


async def send_invoice(client: Client, chat_id: int, *, provider: str = "token") -> Message:
    return present(
        await client.send_invoice(
            chat_id,
            title="Order #7",
            description="Two tees",
            payload="order:7",
            currency="RUB",
            prices=[LabeledPrice("Tee M", 1_990_00), LabeledPrice("Tee L", 2_490_00)],
            provider_token=provider,
        )
    )


async def test_a_payment_the_bot_agrees_to_arrives_as_a_successful_payment(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42, first_name="Alice")
    paid: list[Message] = []
    async with running(cashier_bot(fake_telegram, paid, agree=True)) as bot:
        await send_invoice(bot, 42)
        invoice = alice.last_message
        assert invoice.media_kind == "invoice"

        payment = await alice.pay(invoice)
        await fake_telegram.payments.deliver_again(payment)

    assert payment.accepted and payment.charge_id is not None
    assert len(paid) == 2
    for message in paid:
        receipt = present(message.successful_payment)
        assert receipt.currency == "RUB"
        assert int(receipt.total_amount) == 4_480_00  # Kurigram annotates it as str
        assert receipt.invoice_payload == "order:7"
        assert receipt.telegram_payment_charge_id == payment.charge_id
        assert present(message.from_user).id == 42


async def test_a_refused_pre_checkout_query_charges_nothing(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42, first_name="Alice")
    paid: list[Message] = []
    async with running(cashier_bot(fake_telegram, paid, agree=False)) as bot:
        await send_invoice(bot, 42)
        payment = await alice.pay(alice.last_message)

    assert (payment.answered, payment.accepted, payment.error) == (True, False, "Sold out")
    assert paid == []


async def test_an_unanswered_pre_checkout_query_times_out(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42, first_name="Alice")
    paid: list[Message] = []
    async with running(cashier_bot(fake_telegram, paid, agree=None)) as bot:
        await send_invoice(bot, 42)
        payment = await alice.pay(alice.last_message, timeout=0.2)

    assert (payment.answered, payment.accepted) == (False, False)
    assert paid == []


async def test_an_invoice_without_a_provider_token_is_refused(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(42, first_name="Alice")
    async with running(cashier_bot(fake_telegram, [], agree=True)) as bot:
        with pytest.raises(PaymentProviderInvalid):
            await send_invoice(bot, 42, provider="")
