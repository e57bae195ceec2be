"""A database outage, staged with a TCP proxy in front of a throwaway PostgreSQL database:
the bot keeps running, tells every shopper "try again in a minute" (once a minute,
spinners answered), places after the outage an order confirmed during it, and tells the
superadmins once when the outage starts and once when it ends."""

from __future__ import annotations

from dataclasses import replace

import anyio

from actors.messages import PlaceOrder
from actors.names import ORDER_PROCESSOR
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.checkout import PLACING, get_checkout, save_checkout
from tests.bot.checkout.shop import (
    SUPERADMIN,
    Answers,
    check_out,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot
from tests.fixtures.database import PG_HOST, PG_PORT
from tests.fixtures.tcp_proxy import tcp_proxy

UNAVAILABLE_RU = "⏳ Магазин временно недоступен. Попробуйте через минуту."
UNAVAILABLE_EN = "⏳ The shop is temporarily unavailable. Please try again in a minute."
#: More failed attempts than the supervisor's restart limit (10 in 60 s) would allow a
#: crashing actor: the order processor must outlast them without a restart.
ATTEMPTS_PAST_THE_RESTART_LIMIT = 30


def alerts(tg: FakeTelegram, phrase: str) -> list[str]:
    return [m.text for m in tg.user(SUPERADMIN).messages if phrase in m.text]


def texts_of(shopper: SimulatedUser, wanted: str) -> int:
    return sum(1 for m in shopper.messages if m.text == wanted)


async def test_a_database_outage_is_answered_survived_and_alerted_once(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with tcp_proxy(PG_HOST, PG_PORT) as proxy:
        behind_proxy = postgres_database.model_copy(update={"postgres_port": proxy.port})
        settings = shop_settings(behind_proxy, retry_max_wait=0.05)
        alice = fake_telegram.user(8101, lang="ru", first_name="Алиса", phone="+79990000001")
        bob = fake_telegram.user(8102, lang="en", first_name="Bob", phone="+447700900101")
        async with running_bot(settings, fake_telegram) as bot:
            tee = await stock_one_product(stock=3)
            await alice.send("/start")
            await bob.send("/start")
            menu = bob.last_message
            await put_in_cart(alice, tee, 2)
            pickup = Answers(name="Алиса", delivery="🏬 Самовывоз", skip="Пропустить")
            await check_out(alice, pickup, russian=True)
            # What "Confirm" stores before it sends PlaceOrder (persist first).
            checkout = await get_checkout(alice.id)
            assert checkout is not None
            await save_checkout(
                replace(checkout, step=PLACING, data={**checkout.data, "lines": [[tee, 2]]})
            )

            proxy.cut()
            processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
            await processor.send(PlaceOrder(alice.id, checkout.key))

            # Shoppers type and press during the outage: one short answer a minute each,
            # and every button's spinner stopped.
            await alice.send("Здравствуйте")
            await alice.send("Есть кто?")
            await bob.send("hello?")
            await bob.press("🛍 Catalogue", message=menu)
            await bob.press("🛍 Catalogue", message=menu)
            await bob.send("anyone?")
            assert texts_of(alice, UNAVAILABLE_RU) == 1
            assert texts_of(bob, UNAVAILABLE_EN) == 1
            queries = fake_telegram.world.callback_queries.values()
            presses = [q for q in queries if q.user_id == bob.id]
            assert len(presses) == 2 and all(q.answered for q in presses)

            assert bot.database is not None
            with anyio.fail_after(30):
                await bot.database.wait_for_retries(
                    ORDER_PROCESSOR, ATTEMPTS_PAST_THE_RESTART_LIMIT
                )
            await fake_telegram.wait_for_chat(
                fake_telegram.bot_id,
                SUPERADMIN,
                lambda: alerts(fake_telegram, "Database down") or None,
                what="the 'database down' alert",
            )
            assert proxy.is_cut

            proxy.restore()
            placed = await alice.expect_message(timeout=30)
            order = await order_of(alice)
            assert placed.text.startswith(f"✅ Заказ №{order.id} оформлен!")
            assert await stock_of(tee) == 1
            await fake_telegram.wait_for_chat(
                fake_telegram.bot_id,
                SUPERADMIN,
                lambda: alerts(fake_telegram, "Database back") or None,
                what="the 'database back' alert",
            )

            # After the outage the shop answers as usual.
            welcome, *_ = await bob.send("/start")
            assert welcome.text.startswith("Hello, Bob!")
            assert not bot.supervisor.stats.gave_up
            assert sum(bot.supervisor.stats.crashes.values()) == 0
            assert len(bot.supervisor.running_children()) == 5

        [down] = alerts(fake_telegram, "Database down")
        assert "ConnectionResetError" in down or "ConnectionDoesNotExist" in down
        assert len(alerts(fake_telegram, "Database back")) == 1
