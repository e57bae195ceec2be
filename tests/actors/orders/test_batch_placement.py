"""PlaceOrders that wait in the order processor's inbox together are placed in one
transaction: twenty shoppers confirming the last item in one batch make one order and
nineteen polite refusals, a checkout sent twice is one order told once, and one bad
request in a batch fails only itself."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial

import anyio
import asyncpg
import pytest
from asyncpg.connection import LoggedQuery

from actors.messages import PlaceOrder
from actors.names import ORDER_PROCESSOR
from bot.checkout.flow import SUMMARY
from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from main import RunningBot
from models.checkout import PLACING, get_checkout, save_checkout
from models.orders import Order
from runtime.db_statements import StatementCounter
from tests.bot.admin.channel.helpers import channel_screen, posts
from tests.bot.checkout.shop import (
    Answers,
    check_out,
    checkout_sessions,
    order_of,
    put_in_cart,
    shop_settings,
    stock_of,
    stock_one_product,
)
from tests.fixtures.app import running_bot
from tests.test_main import http_get

SHOPPERS = 20
SOLD_OUT = (
    "😔 Sorry, “Basic tee, M · white” has just sold out, so the order was not placed. "
    "Your items are still in your cart: change it and check out again."
)


def people(tg: FakeTelegram, first: int, count: int) -> list[SimulatedUser]:
    return [
        tg.user(first + n, lang="en", first_name=f"Shopper{n}", phone=f"+4470001{first + n:05d}")
        for n in range(count)
    ]


async def confirmed(shoppers: list[SimulatedUser], variant_id: int, **answers: str) -> list[str]:
    """Each shopper at the summary, then stored as `placing` with one of `variant_id`
    (what "Confirm" stores, without its PlaceOrder); their checkout keys."""

    async def to_the_summary(shopper: SimulatedUser) -> None:
        await shopper.send("/start")
        await put_in_cart(shopper, variant_id)
        await check_out(shopper, Answers(name=f"Shopper {shopper.id}", delivery="🏬 Pickup"))

    with anyio.fail_after(60):
        async with anyio.create_task_group() as group:
            for shopper in shoppers:
                group.start_soon(to_the_summary, shopper)
    keys = []
    for shopper in shoppers:
        checkout = await get_checkout(shopper.id)
        assert checkout is not None
        data = {**checkout.data, **answers, "lines": [[variant_id, 1]]}
        await save_checkout(replace(checkout, step=PLACING, data=data))
        keys.append(checkout.key)
    return keys


def send_at_once(bot: RunningBot, messages: list[PlaceOrder]) -> None:
    """Into the processor's inbox with no await in between: the processor takes the
    first and finds the others waiting behind it."""
    inbox = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
    for message in messages:
        inbox.send_nowait(message)


async def batch_counts(bot: RunningBot, orders: int) -> dict[str, int]:
    """The processor's batch counters on /metrics, once `orders` orders were counted."""
    assert bot.http_port is not None
    with anyio.fail_after(10):
        while True:
            _, body = await http_get(bot.http_port, "/metrics")
            counts = {
                name: int(float(value))
                for name, value in re.findall(
                    r'shopbot_events_total\{name="((?:order_batches|orders_in_batches))"\} (\S+)',
                    body.decode(),
                )
            }
            if counts.get("orders_in_batches", 0) >= orders:
                return counts


async def outcomes(shoppers: list[SimulatedUser]) -> dict[int, BotMessage]:
    told: dict[int, BotMessage] = {}

    async def wait(shopper: SimulatedUser) -> None:
        told[shopper.id] = await shopper.expect_message(timeout=20)

    async with anyio.create_task_group() as group:
        for shopper in shoppers:
            group.start_soon(wait, shopper)
    return told


async def test_twenty_buyers_of_the_last_item_in_one_batch_one_order_nineteen_refusals(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram) as bot:
        last = await stock_one_product(stock=1)
        shoppers = people(fake_telegram, 4100, SHOPPERS)
        keys = await confirmed(shoppers, last)

        send_at_once(bot, [PlaceOrder(s.id, key) for s, key in zip(shoppers, keys, strict=True)])
        told = await outcomes(shoppers)

        texts = [message.text for message in told.values()]
        assert len([text for text in texts if text.startswith("✅ Order #")]) == 1
        assert texts.count(SOLD_OUT) == SHOPPERS - 1
        assert told[shoppers[0].id].text.startswith("✅ Order #")  # first come, first served
        assert await stock_of(last) == 0
        assert await Order.count() == 1
        assert await checkout_sessions() == 0
        assert await batch_counts(bot, SHOPPERS) == {
            "order_batches": 1,
            "orders_in_batches": SHOPPERS,
        }


async def test_a_checkout_sent_twice_in_a_batch_and_again_later_is_one_order_told_once(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram) as bot:
        tee = await stock_one_product(stock=5)
        ann, bob, cid = people(fake_telegram, 4200, 3)
        ann_key, bob_key, cid_key = await confirmed([ann, bob, cid], tee)

        send_at_once(bot, [PlaceOrder(ann.id, ann_key), PlaceOrder(bob.id, bob_key)] * 2)
        first = await outcomes([ann, bob])
        # Later: Ann's again, then Cid's; once Cid is told, Ann's repeat was handled.
        send_at_once(bot, [PlaceOrder(ann.id, ann_key), PlaceOrder(cid.id, cid_key)])
        await outcomes([cid])
        await batch_counts(bot, 4)

        order = await order_of(ann)
        assert first[ann.id].text.startswith(f"✅ Order #{order.id} is placed!")
        assert [m.text for m in ann.messages if m.text.startswith("✅ Order #")] == [
            first[ann.id].text
        ]
        assert await Order.count() == 3
        assert await stock_of(tee) == 2


@pytest.mark.postgres
async def test_a_request_the_database_refuses_fails_alone_and_the_batch_is_placed(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(postgres_database), fake_telegram) as bot:
        tee = await stock_one_product(stock=5)
        ann, erik, cid = people(fake_telegram, 4300, 3)
        ann_key, cid_key = await confirmed([ann, cid], tee)
        (erik_key,) = await confirmed([erik], tee, name="Erik\x00")  # PostgreSQL refuses NUL

        send_at_once(
            bot,
            [
                PlaceOrder(ann.id, ann_key),
                PlaceOrder(erik.id, erik_key),
                PlaceOrder(cid.id, cid_key),
            ],
        )
        told = await outcomes([ann, erik, cid])

        assert told[erik.id].text.startswith("⚠️ We could not place your order")
        for shopper in (ann, cid):
            order = await order_of(shopper)
            assert told[shopper.id].text.startswith(f"✅ Order #{order.id} is placed!")
        failed = await get_checkout(erik.id)
        assert failed is not None and failed.step == SUMMARY
        assert await Order.count() == 2
        assert await stock_of(tee) == 3
        assert bot.supervisor.stats.restarts[ORDER_PROCESSOR] == 0


async def test_a_batch_that_sells_out_a_product_edits_its_channel_post_once_done(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    channel = fake_telegram.add_channel("Shop", username="shop_channel")
    async with running_bot(
        shop_settings(database, channel_id=channel.chat_id), fake_telegram
    ) as bot:
        tee = await stock_one_product(stock=2)
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Basic tee")
        [post] = posts(fake_telegram, channel.chat_id)
        assert post.button("🛒 Купить") is not None
        shoppers = people(fake_telegram, 4400, 3)
        keys = await confirmed(shoppers, tee)

        send_at_once(bot, [PlaceOrder(s.id, key) for s, key in zip(shoppers, keys, strict=True)])
        told = await outcomes(shoppers)

        assert [told[s.id].text.startswith("✅ Order #") for s in shoppers] == [True, True, False]
        assert await stock_of(tee) == 0
        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            channel.chat_id,
            lambda: True if post.button("🛒 Купить") is None else None,
            what="the post sold out",
        )
        assert "всё раскупили" in (post.caption or post.text)


ORDERS_INSERT = re.compile(r'INSERT INTO "?orders"? ')


class Transactions:
    """The statements of every transaction the app's pool committed, in order, as asyncpg
    logged them on each connection (`StatementCounter.attach`, wrapped)."""

    def __init__(self) -> None:
        self.committed: list[list[str]] = []
        self._open: dict[int, list[str]] = {}

    def wrap(self, attach: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
        async def attach_and_record(counter: object, connection: asyncpg.Connection) -> None:
            await attach(counter, connection)
            connection.add_query_logger(partial(self._record, id(connection)))

        return attach_and_record

    def _record(self, connection: int, query: LoggedQuery) -> None:
        text = query.query.strip().rstrip(";").upper()
        if text == "BEGIN":
            self._open[connection] = []
        elif connection in self._open:
            if text == "COMMIT":
                self.committed.append(self._open.pop(connection))
            else:
                self._open[connection].append(query.query)

    def placements(self) -> list[list[str]]:
        """The transactions that wrote orders."""
        return [t for t in self.committed if any(ORDERS_INSERT.search(s) for s in t)]


@pytest.mark.postgres
async def test_a_lone_order_is_placed_in_the_few_statements_of_a_batch(
    postgres_database: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    transactions = Transactions()
    monkeypatch.setattr(StatementCounter, "attach", transactions.wrap(StatementCounter.attach))
    async with running_bot(shop_settings(postgres_database), fake_telegram) as bot:
        tee = await stock_one_product(stock=10)
        ann, bob, cid, dan = people(fake_telegram, 4400, 4)
        ann_key, bob_key, cid_key, dan_key = await confirmed([ann, bob, cid, dan], tee)

        send_at_once(bot, [PlaceOrder(ann.id, ann_key)])
        await outcomes([ann])
        send_at_once(
            bot,
            [PlaceOrder(s.id, key) for s, key in ((bob, bob_key), (cid, cid_key), (dan, dan_key))],
        )
        await outcomes([bob, cid, dan])

    alone, together = transactions.placements()
    assert len(alone) == len(together), alone
    assert await Order.count() == 4
