"""Order notices exactly once across kill -9: the bot process is killed (no `finally`
runs) while orders' notices are on the wire, and again while a payment's notice is,
then started again; every customer message, invoice and admin card is there once.
Telegram (the fake, served from this process) remembers what it got."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from fake_telegram.remote import serve_remote
from models.order_notices import SENT, OrderNotice
from models.orders import PAID
from runtime.database import open_database
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    PAYMENT_TOKEN,
    SUPERADMIN,
    Answers,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_one_product,
)
from tests.bot.superadmin.broadcasts.helpers import wait_until
from tests.bot.superadmin.broadcasts.remote_bot import bot_environment, bot_process, stop_gracefully
from tests.fixtures.app import TEST_FLOOD_BURST

pytestmark = pytest.mark.postgres

SHOPPERS = range(7201, 7205)


def sent_to(tg: FakeTelegram, chat_id: int, start: str | tuple[str, ...]) -> list[str]:
    chat = tg.world.mailbox(tg.bot_id).chat(chat_id)
    return [m.text for m in chat if m.outgoing and not m.deleted and m.text.startswith(start)]


def invoices_to(tg: FakeTelegram, chat_id: int) -> int:
    chat = tg.world.mailbox(tg.bot_id).chat(chat_id)
    return len([m for m in chat if m.outgoing and m.media is not None and not m.deleted])


def paid_notice_on_the_wire(tg: FakeTelegram, order_id: int) -> bool:
    text = f"💳 Payment for order #{order_id} received. Thank you!"
    return any(
        getattr(r.raw, "message", None) == text for r in tg.requests_named("messages.SendMessage")
    )


async def test_kill_9_while_order_notices_are_on_the_wire_then_restart_each_arrives_once(
    postgres_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    tg = fake_telegram
    settings = shop_settings(postgres_database)
    environment = bot_environment(
        settings,
        ADMIN_IDS=str(ENGLISH_ADMIN),
        PAYMENT_PROVIDER_TOKEN=PAYMENT_TOKEN,
        FLOOD_BURST=str(TEST_FLOOD_BURST),
    )
    shoppers: list[SimulatedUser] = [
        tg.user(i, lang="en", first_name=f"Shopper{i}", phone=f"+4477009{i}") for i in SHOPPERS
    ]
    ann = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    tg.user(SUPERADMIN)
    async with open_database(settings), serve_remote(tg) as address:
        async with bot_process(address, environment, tmp_path, "first") as first:
            await tg.wait_for_client(timeout=30)
            await ann.send("/start")
            tee = await stock_one_product(stock=10)
            for shopper in shoppers:
                await shopper.send("/start")
                await put_in_cart(shopper, tee)
                await check_out(
                    shopper, Answers(name=shopper.record.first_name, delivery="🏬 Pickup")
                )
            tg.latency = 0.15
            for shopper in shoppers:
                await shopper.press("✅ Confirm")
            last = shoppers[-1]
            await wait_until(lambda: sent_to(tg, last.id, "✅ Order #"), timeout=20)
            first.kill()  # SIGKILL: the last order's invoice and cards are still to go
            await first.wait()
        tg.latency = 0
        cards_before = len(sent_to(tg, ENGLISH_ADMIN, "🆕 New order #"))

        async with bot_process(address, environment, tmp_path, "second") as second:
            await wait_until(
                lambda: (
                    len(sent_to(tg, ENGLISH_ADMIN, "🆕 New order #")) >= len(shoppers)
                    and len(sent_to(tg, SUPERADMIN, "🆕 Новый заказ №")) >= len(shoppers)
                ),
                timeout=30,
            )
            carol = shoppers[0]
            order = await order_of(carol)
            invoice = next(m for m in reversed(carol.messages) if m.media_kind == "invoice")
            tg.latency = 0.3
            payment = await carol.pay(invoice)
            assert payment.accepted
            await wait_until(lambda: paid_notice_on_the_wire(tg, order.id), timeout=20)
            second.kill()  # SIGKILL while "payment received" is on the wire
            await second.wait()
        tg.latency = 0

        async with bot_process(address, environment, tmp_path, "third") as third:
            await wait_until(
                lambda: sent_to(tg, SUPERADMIN, f"💳 Заказ №{order.id} оплачен"), timeout=30
            )
            await wait_until(
                lambda: sent_to(tg, ENGLISH_ADMIN, f"💳 Order #{order.id} is paid"), timeout=30
            )
            assert await stop_gracefully(third) == 0

        assert cards_before < len(shoppers)  # the kill came before every card was out
        for shopper in shoppers:
            placed = sent_to(tg, shopper.id, "✅ Order #")
            assert len(placed) == 1, (shopper.id, placed)
            assert invoices_to(tg, shopper.id) == 1
        assert len(sent_to(tg, carol.id, f"💳 Payment for order #{order.id}")) == 1
        # One card per order and admin (the paid order's card was edited: "Order #...").
        assert len(sent_to(tg, ENGLISH_ADMIN, ("🆕 New order #", "Order #"))) == len(shoppers)
        assert len(sent_to(tg, SUPERADMIN, ("🆕 Новый заказ №", "Заказ №"))) == len(shoppers)
        assert len(sent_to(tg, SUPERADMIN, f"💳 Заказ №{order.id} оплачен")) == 1
        assert (await order_of(carol)).status == PAID
        states = await OrderNotice.select(OrderNotice.state).run()
        assert {row["state"] for row in states} == {SENT}
