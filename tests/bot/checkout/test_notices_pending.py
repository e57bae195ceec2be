"""A notice whose change was committed but which never went out (the process died right
after the transaction) is sent at the next start, once: "Payment received" above all.
A notice that never reaches an outcome however often it is begun is given up, with an
alert, instead of crash-looping the order processor."""

from __future__ import annotations

from actors.messages import PaymentReceived
from actors.orders.changes import take_payment
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.order_notices import (
    FAILED,
    MAX_ATTEMPTS,
    PENDING,
    SENT,
    NoticeSpec,
    OrderNotice,
    list_notices,
    queue_notices,
)
from models.orders import PAID
from models.payments import PaymentReceipt, store_payment, unprocessed_payments
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    SUPERADMIN,
    Answers,
    admin_card,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_one_product,
)
from tests.bot.checkout.test_payments import online_settings, order_online
from tests.fixtures.app import running_bot

CHARGE = "charge-taken-then-the-process-died"


def payment_notices(carol: SimulatedUser, order_id: int) -> list[str]:
    received = f"💳 Payment for order #{order_id} received."
    return [m.text for m in carol.messages if m.text.startswith(received)]


async def test_a_payment_taken_just_before_the_process_died_is_told_at_the_next_start_once(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = online_settings(database)
    async with running_bot(settings, fake_telegram):
        await fake_telegram.user(ENGLISH_ADMIN, lang="en").send("/start")
        tee = await stock_one_product(stock=2, price=1_990_00)
        carol = await order_online(fake_telegram, tee)
        order = await order_of(carol)
    # The payment handler stored the receipt, the order processor took it (the order
    # paid, its notices written, the receipt processed: one transaction) and the
    # process was killed before a single notice went out.
    receipt = PaymentReceipt(CHARGE, order.id, carol.id, order.total, "RUB")
    assert await store_payment(receipt)
    await take_payment(PaymentReceived(**vars(receipt)), settings)
    assert (await order_of(carol)).status == PAID
    assert await unprocessed_payments() == []
    pending = [n.kind for n in await list_notices(order.id) if n.state == PENDING]
    # The customer, two admins (and edits of the new-order cards already sent, if any).
    told = [kind for kind in pending if not kind.startswith("edit.")]
    assert told == ["status.paid", "card.paid", "card.paid"]

    async with running_bot(settings, fake_telegram):
        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            carol.id,
            lambda: payment_notices(carol, order.id) or None,
            timeout=10,
            what="the payment received",
        )
        await admin_card(fake_telegram, SUPERADMIN, f"💳 Заказ №{order.id} оплачен")
        await admin_card(fake_telegram, ENGLISH_ADMIN, f"💳 Order #{order.id} is paid")
    async with running_bot(settings, fake_telegram):  # and at the start after, nothing
        await carol.send("/start")

    assert payment_notices(carol, order.id) == [
        f"💳 Payment for order #{order.id} received. Thank you!"
    ]
    assert {n.state for n in await list_notices(order.id)} == {SENT}


async def test_a_notice_begun_too_often_is_given_up_with_an_alert_not_crash_looped(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    """A notice whose every send ended the process (or crashed the processor) before an
    outcome: after MAX_ATTEMPTS begun it is failed and the superadmins are told."""
    tg = fake_telegram
    settings = shop_settings(database)
    jon = tg.user(7301, lang="en", first_name="Jon", phone="+447700900301")
    async with running_bot(settings, tg):
        tee = await stock_one_product(stock=2)
        await jon.send("/start")
        await put_in_cart(jon, tee)
        await check_out(jon, Answers(name="Jon", delivery="🏬 Pickup"))
        await jon.press("✅ Confirm")
        await admin_card(tg, SUPERADMIN, "🆕 Новый заказ №")
        order = await order_of(jon)
    await queue_notices([NoticeSpec(order.id, "status.shipped", jon.id)])
    await OrderNotice.update({OrderNotice.attempts: MAX_ATTEMPTS}).where(
        OrderNotice.kind == "status.shipped"
    )

    boss = tg.user(SUPERADMIN)

    def given_up() -> list[str] | None:
        return [m.text for m in boss.messages if "given up" in m.text] or None

    async with running_bot(settings, tg):
        [alert] = await tg.wait_for_chat(tg.bot_id, SUPERADMIN, given_up, timeout=10)

    assert f"Order #{order.id}: the notice status.shipped to {jon.id}" in alert
    [notice] = [n for n in await list_notices(order.id) if n.kind == "status.shipped"]
    assert (notice.state, notice.error) == (FAILED, "GAVE_UP")
    assert not [m for m in jon.messages if m.text.startswith("🚚")]
