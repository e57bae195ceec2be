"""Every notice of an order reaches its reader exactly once, however often the order
processor crashes while notices are on the wire: the customer's "placed" and status
messages, and each admin's order card. A notice's ledger row is written with the change
that causes it, and a re-send after a crash carries the same `random_id`."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from tests.bot.checkout.crashes import CrashSwitch
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
from tests.fixtures.app import running_bot


def texts_starting(user: SimulatedUser, prefix: str) -> list[str]:
    return [m.text for m in user.messages if m.text.startswith(prefix)]


async def test_each_customer_message_and_admin_card_arrives_once_through_processor_crashes(
    database: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    tg = fake_telegram
    switch = CrashSwitch()
    switch.install(monkeypatch)
    hana = tg.user(7101, lang="en", first_name="Hana", phone="+447700900101")
    ann = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    boss = tg.user(SUPERADMIN)
    async with running_bot(shop_settings(database), tg) as bot:
        await ann.send("/start")
        tee = await stock_one_product(stock=3)
        await hana.send("/start")
        await put_in_cart(hana, tee)
        await check_out(hana, Answers(name="Hana", delivery="🏬 Pickup"))
        tg.latency = 0.2  # every request is on the wire for 0.2 s

        # Crash 1: the customer has her "placed" message, the admin cards are on the wire.
        await hana.press("✅ Confirm")
        await tg.wait_for_chat(
            tg.bot_id,
            hana.id,
            lambda: texts_starting(hana, "✅ Order #") or None,
            timeout=10,
            what="the order placed",
        )
        switch.crash()
        order = await order_of(hana)
        card = await admin_card(tg, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        await admin_card(tg, SUPERADMIN, f"🆕 Новый заказ №{order.id}")

        # Crash 2: the admin's card shows the change, the customer's message is on the wire.
        await ann.press("✅ Confirm", message=card)
        await tg.wait_for_chat(
            tg.bot_id,
            ann.id,
            lambda: card.text.endswith("Status: confirmed") or None,
            timeout=10,
            what="the card updated",
        )
        switch.crash()
        confirmed = f"✅ Order #{order.id} is confirmed."
        await tg.wait_for_chat(
            tg.bot_id,
            hana.id,
            lambda: confirmed in texts_starting(hana, "✅ Order #") or None,
            timeout=10,
            what="the order confirmed",
        )
        # Crash 3, once everything is out: what the restarted processor re-sends (if
        # anything) must be recognised as sent.
        switch.crash()
        await ann.press("✖ Cancel order", message=card)
        await ann.press("customer asked")  # the reason asked first
        cancelled = f"✖ Order #{order.id} is cancelled.\nReason: you asked us to."
        await tg.wait_for_chat(
            tg.bot_id,
            hana.id,
            lambda: texts_starting(hana, "✖ Order #") or None,
            timeout=10,
            what="the order cancelled",
        )
        tg.latency = 0

        assert [t.split("\n")[0] for t in texts_starting(hana, "✅ Order #")] == [
            f"✅ Order #{order.id} is placed!",
            confirmed,
        ]
        assert texts_starting(hana, "✖ Order #") == [cancelled]
        cards = [m for m in ann.messages if m.text.startswith(f"Order #{order.id}\n")]
        assert len(cards) == 1  # one card (besides the cancel's question)
        assert len([m for m in boss.messages if f"№{order.id}" in m.text]) == 1
        assert bot.supervisor.stats.crashes["order_processor"] == 3
        assert switch.runs == 4


async def test_a_notice_telegram_fails_transiently_is_sent_again_later_and_arrives_once(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    ivan = tg.user(7102, lang="en", first_name="Ivan", phone="+447700900102")
    async with running_bot(shop_settings(database), tg):
        tee = await stock_one_product(stock=3)
        await ivan.send("/start")
        await put_in_cart(ivan, tee)
        await check_out(ivan, Answers(name="Ivan", delivery="🏬 Pickup"))
        # Telegram fails the first two tries of "placed" (a 500 each): Kurigram gives up,
        # the notice stays pending, and the ledger's sweep sends it again.
        failing = tg.fail("messages.SendMessage", "RPC_CALL_FAIL", peer=ivan.id, times=2)
        await ivan.press("✅ Confirm")
        await tg.wait_for_chat(
            tg.bot_id,
            ivan.id,
            lambda: texts_starting(ivan, "✅ Order #") or None,
            timeout=10,
            what="the order placed",
        )
        order = await order_of(ivan)
        await admin_card(tg, SUPERADMIN, f"🆕 Новый заказ №{order.id}")

    assert failing.hits == 2
    assert [t.split("\n")[0] for t in texts_starting(ivan, "✅ Order #")] == [
        f"✅ Order #{order.id} is placed!"
    ]
