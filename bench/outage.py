"""Database outage benchmark: the whole app through an outage of a chosen length.

    .venv/bin/python -m bench.outage                        # 30 s, 50 shoppers
    .venv/bin/python -m bench.outage --seconds 300          # the 5-minute outage

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); the run makes and drops
its own database and reaches it through a TCP proxy (tests/fixtures/tcp_proxy.py), which
it cuts for the outage: every open connection closed, new ones reset. The shared server
stays up. During the outage every shopper, in a loop, types a message or presses the
menu's Catalogue button about once a second, and a confirmed checkout waits to be
placed. Printed: the attempts and how many were answered (an update the app reported
handled without error; a press's spinner stopped), the "try again" messages per shopper,
the alerts, whether the supervisor or any actor gave way, and how long after the outage
the waiting order was placed and a shopper was served again.
Not a test: it prints figures and the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

import anyio
from loguru import logger

from actors.messages import PlaceOrder
from actors.names import ORDER_PROCESSOR
from bench.machine import machine
from bench.updates import SUPERADMIN, database, running_app, stock_the_shop
from fake_telegram import FakeTelegram, SimulatedUser
from models.carts import add_to_cart
from models.catalogue import ProductVariant
from models.checkout import PLACING, start_checkout
from models.users import users_id_of
from tests.fixtures.database import PG_HOST, PG_PORT
from tests.fixtures.tcp_proxy import tcp_proxy

FIRST_SHOPPER = 30_000_000
UNAVAILABLE = "⏳ The shop is temporarily unavailable. Please try again in a minute."


async def stage_a_confirmed_checkout(buyer: SimulatedUser) -> str:
    """What "Confirm" stores before it sends PlaceOrder (as tests/actors do)."""
    variant = await ProductVariant.select(ProductVariant.id).first().run()
    assert variant is not None
    user_id = await users_id_of(buyer.id)
    assert user_id is not None
    await add_to_cart(user_id, variant["id"], 1)
    data = {"name": "Buyer", "phone": "+447700900000", "delivery": "pickup", "comment": ""}
    checkout = await start_checkout(buyer.id, PLACING, {**data, "lines": [[variant["id"], 1]]})
    assert checkout is not None
    return checkout.key


async def pester(shopper: SimulatedUser, stop: anyio.Event, counts: Counter[str]) -> None:
    menu = shopper.last_message
    turn = 0
    while not stop.is_set():
        turn += 1
        counts["attempts"] += 1
        try:
            if turn % 2:
                await shopper.send(f"hello {turn}", timeout=30)
            else:
                counts["presses"] += 1
                await shopper.press("🛍 Catalogue", message=menu, timeout=30)
            counts["answered"] += 1
        except TimeoutError:
            counts["unanswered"] += 1
        with anyio.move_on_after(1.0):
            await stop.wait()


async def run(seconds: float, shoppers: int) -> None:
    logger.remove()
    logger.add(sys.stderr, level="ERROR")
    tg = FakeTelegram(timeout=30)
    tg.user(SUPERADMIN)  # Telegram knows the superadmin (alerts)
    async with database() as plain, tcp_proxy(PG_HOST, PG_PORT) as proxy:
        settings = plain.model_copy(update={"postgres_port": proxy.port})
        async with running_app(settings, tg) as bot:
            await stock_the_shop()
            people = [
                tg.user(FIRST_SHOPPER + n, lang="en", first_name=f"S{n}") for n in range(shoppers)
            ]
            for person in people:
                await person.send("/start")
            buyer = people[0]
            key = await stage_a_confirmed_checkout(buyer)
            processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)

            counts: Counter[str] = Counter()
            stop = anyio.Event()
            proxy.cut()
            cut_at = time.monotonic()
            await processor.send(PlaceOrder(buyer.id, key))
            async with anyio.create_task_group() as tasks:
                for person in people:
                    tasks.start_soon(pester, person, stop, counts)
                await anyio.sleep(seconds)
                stop.set()
            proxy.restore()
            restored_at = time.monotonic()
            placed = await tg.wait_for_chat(
                tg.bot_id,
                buyer.id,
                lambda: next((m for m in buyer.messages if "is placed" in m.text), None),
                timeout=60,
                what="the order placed",
            )
            placed_after = time.monotonic() - restored_at
            served_after = 0.0
            while True:  # "served": the welcome, not the outage's silence or notice
                replies = await people[1].send("/start", timeout=30)
                if replies and replies[0].text.startswith("Hello"):
                    served_after = time.monotonic() - restored_at
                    break
                await anyio.sleep(0.05)
            stats = bot.supervisor.stats
            running = len(bot.supervisor.running_children())
            retries = dict(bot.database.retries) if bot.database else {}

    queries = [q for q in tg.world.callback_queries.values() if q.user_id >= FIRST_SHOPPER]
    told = [sum(1 for m in p.messages if m.text == UNAVAILABLE) for p in people]
    messages = [m.text for m in tg.user(SUPERADMIN).messages]
    alerts = [text for text in messages if text.split("\n")[0].split(" · ")[-1] == "database"]
    print(machine())
    print(f"outage: {restored_at - cut_at:.0f} s, {shoppers} shoppers")
    print(
        f"updates during it: {counts['attempts']}, answered {counts['answered']},"
        f" unanswered {counts['unanswered']}; presses {counts['presses']},"
        f" spinners stopped {sum(q.answered for q in queries)} of {len(queries)}"
    )
    print(f"'try again' messages per shopper: min {min(told)}, max {max(told)}")
    print(
        f"alerts: database down {sum('Database down' in a for a in alerts)},"
        f" back {sum('Database back' in a for a in alerts)}"
    )
    print(
        f"supervisor gave up: {stats.gave_up}; crashes {sum(stats.crashes.values())};"
        f" actors running {running} of 5; failed attempts retried {retries}"
    )
    print(
        f"after it: order placed in {placed_after:.2f} s, a shopper served in {served_after:.2f} s"
    )
    print(f"placed order: {placed.text.splitlines()[0]}")
    for alert in alerts:
        print("alert:", alert.replace("\n", " | "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--shoppers", type=int, default=50)
    arguments = parser.parse_args()
    anyio.run(run, arguments.seconds, arguments.shoppers, backend="asyncio")


if __name__ == "__main__":
    main()
