"""Update-handling benchmark: shoppers running the whole journey against the real app.

    .venv/bin/python -m bench.updates                      # 100 shoppers
    .venv/bin/python -m bench.updates --shoppers 300 --rounds 3

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); the run makes and drops
its own database. The app is `main.serve` (five actors, real Kurigram, PostgreSQL) on
the fake Telegram, in this process. Every shopper does, as fast as the bot answers:

    /start -> Catalogue -> a category -> a product -> a size -> quantity 1 -> Go to cart
    -> Checkout -> name -> contact -> Pickup -> Skip -> Confirm, then waits for the order

which is 13 updates. Each update is timed from the moment it is pushed into Kurigram
until the app reports it handled (the fake's observer): that is the handler latency.
Throughput is the updates handled per second of the whole load.

The baseline is the same load (the same shoppers, the same number of updates, messages
where the journey types and button presses where it presses) on a bare Kurigram bot on
the same fake that only echoes: a text gets the same text back with one button, a press
gets its callback answered. Its figures are the framework's floor; the ratio says what
the shop's handlers, the actors and PostgreSQL cost on top of it.

The flood guard lets a person send 8 updates at once and 2 a second after; simulated
shoppers go much faster, so FLOOD_BURST is set large here (as tests/fixtures/app.py does).
Not a test: it prints figures and the machine, for the README.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import anyio
import asyncpg
from anyio.abc import TaskStatus
from loguru import logger
from pyrogram import Client, filters
from pyrogram.handlers import CallbackQueryHandler, MessageHandler
from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bench.machine import machine
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from main import RunningBot, serve
from models.catalogue import Category, Product, ProductVariant
from models.clock import utcnow

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
SUPERADMIN = 900_001
FIRST_SHOPPER = 20_000_000
PRODUCTS = 6
STOCK = 1_000_000


# -- the machine and the figures ----------------------------------------------------------


@dataclass
class Load:
    """What one run measured."""

    name: str
    latencies: list[float] = field(default_factory=list)  # seconds, one per update
    wall: float = 0.0
    orders: list[float] = field(default_factory=list)  # Confirm -> "Order #N placed"

    @property
    def updates(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.updates / self.wall if self.wall else 0.0

    def percentile(self, share: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.latencies if values is None else values)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def line(self) -> str:
        return (
            f"{self.name:<10} {self.updates:>6} updates in {self.wall:6.2f} s: "
            f"{self.per_second:8.1f} updates/s, handler latency "
            f"p50 {self.percentile(0.5) * 1000:6.1f} ms, p99 {self.percentile(0.99) * 1000:6.1f} ms"
        )


async def timed(load: Load, action: Awaitable[object]) -> None:
    started = time.perf_counter()
    await action
    load.latencies.append(time.perf_counter() - started)


# -- the database and the app -------------------------------------------------------------


@asynccontextmanager
async def database() -> AsyncIterator[Settings]:
    name = f"shopbot_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield Settings.model_validate(
            {
                "postgres_host": PG_HOST,
                "postgres_port": PG_PORT,
                "postgres_user": PG_USER,
                "postgres_db": name,
                "superadmin_ids": [SUPERADMIN],
                "http_port": 0,
                "log_file_path": None,
                "flood_burst": 1_000,  # simulated shoppers are faster than people
            }
        )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@asynccontextmanager
async def running_app(settings: Settings, tg: FakeTelegram) -> AsyncIterator[RunningBot]:
    """`main.serve` in this process until the block ends (then SIGTERM, as in production)."""
    stopped = anyio.Event()

    async def run(*, task_status: TaskStatus[RunningBot]) -> None:
        try:
            await serve(settings, tg.client_factory(), observer=tg, task_status=task_status)
        finally:
            stopped.set()

    async with anyio.create_task_group() as tasks:
        bot: RunningBot = await tasks.start(run)
        yield bot
        os.kill(os.getpid(), signal.SIGTERM)
        with anyio.fail_after(15):
            await stopped.wait()


async def stock_the_shop() -> None:
    tees = Category(name="Tees", position=1)
    await tees.save().run()
    for number in range(PRODUCTS):
        product = Product(
            category=tees.id,
            title=f"Tee {number}",
            description="Heavy cotton.",
            price=1_990_00,
            created_at=utcnow(),
        )
        await product.save().run()
        for size in ("S", "M", "L"):
            await (
                ProductVariant(product=product.id, size=size, sku=f"T{number}{size}", stock=STOCK)
                .save()
                .run()
            )


# -- the journey ----------------------------------------------------------------------------


def starting(shopper: SimulatedUser, prefix: str) -> str:
    for row in shopper.last_message.buttons:
        for label in row:
            if label.startswith(prefix):
                return label
    raise LookupError(f"no button starting {prefix!r}: {shopper.last_message.buttons}")


async def journey(shopper: SimulatedUser, product: int, load: Load) -> None:
    """The 13 updates of one shopper's visit, each timed."""
    press: Callable[[str], Awaitable[object]] = shopper.press
    await timed(load, shopper.send("/start"))
    await timed(load, press("🛍 Catalogue"))
    await timed(load, press("Tees"))
    await timed(load, press(starting(shopper, f"Tee {product}")))
    await timed(load, press("M"))
    await timed(load, press("1"))
    await timed(load, press("🛒 Go to cart"))
    await timed(load, press("✅ Checkout"))
    await timed(load, shopper.send(f"Shopper {shopper.id}"))
    await timed(load, shopper.share_contact())
    await timed(load, press("🏬 Pickup"))
    await timed(load, press("Skip"))
    confirmed = time.perf_counter()
    await timed(load, press("✅ Confirm"))
    placed = await shopper.expect_message(timeout=60)
    load.orders.append(time.perf_counter() - confirmed)
    if not placed.text.startswith("✅ Order #"):
        raise RuntimeError(f"shopper {shopper.id}: {placed.text!r}")


JOURNEY_KINDS = "mccccccctcccc"  # m: a message, t: typed text, c: a button press


def shoppers(tg: FakeTelegram, first: int, count: int) -> list[SimulatedUser]:
    return [
        tg.user(first + n, lang="en", first_name=f"Shopper{n}", phone=f"+4470{first + n:08d}")
        for n in range(count)
    ]


async def run_journeys(tg: FakeTelegram, people: list[SimulatedUser], name: str) -> Load:
    load = Load(name)
    started = time.perf_counter()
    with anyio.fail_after(600):
        async with anyio.create_task_group() as group:
            for n, shopper in enumerate(people):
                group.start_soon(journey, shopper, n % PRODUCTS, load)
    load.wall = time.perf_counter() - started
    return load


# -- the echo baseline --------------------------------------------------------------------


def echo_bot(tg: FakeTelegram) -> Client:
    client = tg.make_client(name="echo")
    again = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])

    async def echo(_client: Client, message: Message) -> None:
        await message.reply_text(message.text or "…", reply_markup=again)

    async def answer(_client: Client, query: CallbackQuery) -> None:
        await query.answer()

    client.add_handler(MessageHandler(echo, filters.private))
    client.add_handler(CallbackQueryHandler(answer))
    tg.install_observer(client)
    return client


async def echo_visit(shopper: SimulatedUser, load: Load) -> None:
    """As many updates as a journey, messages and presses in the same places."""
    for kind in JOURNEY_KINDS:
        if kind == "c":
            await timed(load, shopper.press("Again"))
        else:
            await timed(load, shopper.send(f"hello from {shopper.id}"))


async def run_echo(tg: FakeTelegram, people: list[SimulatedUser]) -> Load:
    load = Load("echo bot")
    client = echo_bot(tg)
    await client.start()
    try:
        started = time.perf_counter()
        with anyio.fail_after(600):
            async with anyio.create_task_group() as group:
                for shopper in people:
                    group.start_soon(echo_visit, shopper, load)
        load.wall = time.perf_counter() - started
    finally:
        with anyio.CancelScope(shield=True), anyio.move_on_after(10):
            await client.stop()
    return load


# -- main -----------------------------------------------------------------------------------


async def bench(shopper_count: int, rounds: int) -> None:
    print(f"machine: {machine()}")
    print(f"load: {shopper_count} shoppers at once, {len(JOURNEY_KINDS)} updates each")
    shop_loads: list[Load] = []
    async with database() as settings:
        tg = FakeTelegram()
        tg.user(SUPERADMIN, lang="en", first_name="Owner")
        async with running_app(settings, tg):
            await stock_the_shop()
            await run_journeys(tg, shoppers(tg, FIRST_SHOPPER - 10, 5), "warm-up")
            for round_number in range(rounds):
                first = FIRST_SHOPPER + round_number * shopper_count
                load = await run_journeys(
                    tg, shoppers(tg, first, shopper_count), f"shop #{round_number + 1}"
                )
                shop_loads.append(load)
                print(load.line())
        errors = len(tg.take_handler_errors())
        tg.close()
    echo_loads: list[Load] = []
    with FakeTelegram() as echo_tg:
        await run_echo(echo_tg, shoppers(echo_tg, FIRST_SHOPPER - 10, 5))
        for round_number in range(rounds):
            first = FIRST_SHOPPER + round_number * shopper_count
            load = await run_echo(echo_tg, shoppers(echo_tg, first, shopper_count))
            load.name = f"echo #{round_number + 1}"
            echo_loads.append(load)
            print(load.line())

    shop, echo = Medians.of(shop_loads), Medians.of(echo_loads)
    print()
    print(f"shop, median of {rounds} rounds: {shop.line()}")
    print(f"echo, median of {rounds} rounds: {echo.line()}")
    print(
        f"shop / echo (medians, same run): throughput {shop.per_second / echo.per_second:.2f}x, "
        f"p50 latency {shop.p50 / echo.p50:.1f}x, p99 latency {shop.p99 / echo.p99:.1f}x"
    )
    all_orders = sorted(seconds for load in shop_loads for seconds in load.orders)
    print(
        f"order placement (Confirm -> order number), all rounds: "
        f"p50 {statistics.median(all_orders) * 1000:.1f} ms, "
        f"p99 {all_orders[int(0.99 * (len(all_orders) - 1))] * 1000:.1f} ms"
    )
    print(f"handler errors: {errors}")


@dataclass(frozen=True)
class Medians:
    """Each figure's median over the rounds (the machine is small and noisy)."""

    per_second: float
    p50: float
    p99: float

    @classmethod
    def of(cls, loads: list[Load]) -> Medians:
        return cls(
            statistics.median(load.per_second for load in loads),
            statistics.median(load.percentile(0.5) for load in loads),
            statistics.median(load.percentile(0.99) for load in loads),
        )

    def line(self) -> str:
        return (
            f"{self.per_second:8.1f} updates/s, handler latency "
            f"p50 {self.p50 * 1000:6.1f} ms, p99 {self.p99 * 1000:6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shoppers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    anyio.run(bench, arguments.shoppers, arguments.rounds, backend="asyncio")


if __name__ == "__main__":
    main()
