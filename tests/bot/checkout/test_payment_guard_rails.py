"""A payment passes every guard rail: the flood guard never throttles it, and a shopper
banned between Telegram's pre-checkout and the charge still has the payment recorded
(the money was taken) while the admins are told.

The order is placed in a first run of the bot with the guard opened wide (a checkout is
a dozen quick updates); the payment comes in a second run at the real flood limits.
"""

from __future__ import annotations

from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.orders import PAID
from models.payments import ReceivedPayment
from models.users import set_banned
from tests.bot.checkout.shop import SUPERADMIN, order_of, stock_one_product
from tests.bot.checkout.test_payments import online_settings, order_online
from tests.fixtures.app import running_bot, statuses_of

SLOW_DOWN_EN = "Too many messages at once. Please wait a couple of seconds."


async def invoiced_shopper(settings: Settings, tg: FakeTelegram) -> tuple[SimulatedUser, int]:
    """A first run of the bot: Carol orders one tee online and gets the invoice."""
    async with running_bot(settings, tg):
        tee = await stock_one_product(stock=2)
        carol = await order_online(tg, tee)
        return carol, (await order_of(carol)).id


async def stored_charges() -> list[str]:
    return [row["charge_id"] for row in await ReceivedPayment.select(ReceivedPayment.charge_id)]


def invoice_of(shopper: SimulatedUser) -> BotMessage:
    invoice = shopper.messages[-1]
    assert invoice.media_kind == "invoice"
    return invoice


async def test_a_payment_right_after_a_flood_of_messages_is_recorded_and_marks_the_order_paid(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    wide = online_settings(database)
    carol, order_id = await invoiced_shopper(wide, fake_telegram)
    real_limits = wide.model_copy(update={"flood_rate": 2.0, "flood_burst": 8})

    async with running_bot(real_limits, fake_telegram):
        invoice = invoice_of(carol)
        for _ in range(12):
            await carol.send("hello?")
        assert SLOW_DOWN_EN in [m.text for m in carol.messages]  # the guard did trip

        payment = await carol.pay(invoice)

        assert payment.accepted
        assert await stored_charges() == [payment.charge_id]
        notice = await carol.expect_message()
        assert notice.text == f"💳 Payment for order #{order_id} received. Thank you!"
        assert (await order_of(carol)).status == PAID


async def test_a_shopper_banned_before_the_charge_has_the_payment_recorded_and_admins_told(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = online_settings(database)
    carol, order_id = await invoiced_shopper(settings, fake_telegram)

    async with running_bot(settings, fake_telegram) as bot:

        async def ban_carol() -> None:
            await set_banned(statuses_of(bot), carol.id, True)

        payment = await carol.pay(invoice_of(carol), before_charge=ban_carol)

        assert payment.accepted
        assert await stored_charges() == [payment.charge_id]
        admin = fake_telegram.user(SUPERADMIN)
        alert = await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            SUPERADMIN,
            lambda: next((m for m in admin.messages if "banned" in m.text), None),
            what="an alert about the banned shopper's payment",
        )
        assert f"#{order_id}" in alert.text and str(carol.id) in alert.text
        notice = await carol.expect_message()
        assert notice.text == f"💳 Payment for order #{order_id} received. Thank you!"
        assert (await order_of(carol)).status == PAID
