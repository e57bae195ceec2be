"""Order placement benchmark: batches against one by one, and a burst of confirms.

    .venv/bin/python -m bench.orders                 # both parts
    .venv/bin/python -m bench.orders --orders 100 --rounds 3 --profile

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); each part makes and
drops its own database.

1. Placement alone (no Telegram): `--orders` checkouts stored as `placing` (one line
   each, pickup), placed by the order processor's code one by one
   (`actors.orders.placement.place`, a transaction each) and then, for as many fresh
   checkouts, in one batch (`actors.orders.batch_placement.place_batch`, one
   transaction). Both write the orders, their items, the checkouts' deletion and the
   notices to the ledger. Reported: wall time, database time (every statement's round
   trip as asyncpg timed it, summed: runtime/db_statements.py) and statements (BEGIN and
   COMMIT included), per round and the median of `--rounds`.
2. A burst through the whole app (`main.serve`, five actors, real Kurigram) on the fake
   Telegram: `--orders` shoppers go to the summary, then all press "Confirm" at the same
   moment; each is timed from the press until the message "✅ Order #N is placed!"
   reaches them. Reported: p50/p95/p99, the order processor's batches (its counters on
   /metrics) and the statements of the burst. `--profile` runs the burst under cProfile
   and prints where the time goes.

Not a test: it prints figures and the machine, for the README.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

import anyio
from anyio.lowlevel import checkpoint
from loguru import logger

from actors.orders.batch_placement import place_batch
from actors.orders.placement import place
from bench.machine import machine
from bench.updates import (
    FIRST_SHOPPER,
    REQUEST_LOG,
    SUPERADMIN,
    database,
    journey_steps,
    running_app,
    shoppers,
    stock_the_shop,
)
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.catalogue import Category, ProductVariant
from models.checkout import PLACING, start_checkout
from models.users import record_user
from runtime.database import open_database
from runtime.db_engine import ShopPostgresEngine

# -- part 1: placement alone --------------------------------------------------------------


@dataclass(frozen=True)
class Spent:
    """Wall time, database time and statements of one placement run."""

    wall: float
    database: float
    statements: int

    def line(self, name: str, orders: int) -> str:
        return (
            f"{name:<12} {orders} orders: wall {self.wall * 1000:7.1f} ms, "
            f"database {self.database * 1000:7.1f} ms, {self.statements:5d} statements "
            f"({self.statements / orders:.1f} per order)"
        )


def _engine() -> ShopPostgresEngine:
    engine = Category._meta.db
    assert isinstance(engine, ShopPostgresEngine)
    return engine


async def _measured(work: Callable[[], Awaitable[object]]) -> Spent:
    counter = _engine().statements
    count, seconds = counter.count, counter.seconds
    started = time.perf_counter()
    await work()
    wall = time.perf_counter() - started
    for _ in range(3):  # asyncpg logs a statement one loop step after it returned
        await checkpoint()
    return Spent(wall, counter.seconds - seconds, counter.count - count)


async def _waiting_checkouts(telegram_ids: list[int], variant_ids: list[int]) -> list[str]:
    keys = []
    for n, telegram_id in enumerate(telegram_ids):
        data = {
            "name": f"Shopper {telegram_id}",
            "phone": f"+4470{telegram_id:08d}",
            "delivery": "pickup",
            "lines": [[variant_ids[n % len(variant_ids)], 1]],
        }
        checkout = await start_checkout(telegram_id, PLACING, data)
        assert checkout is not None
        keys.append(checkout.key)
    return keys


async def placement_alone(orders: int, rounds: int) -> None:
    print(f"1. placement alone: {orders} orders, one by one vs one batch, {rounds} rounds")
    async with database() as settings, open_database(settings):
        await stock_the_shop()
        variants = [int(row["id"]) for row in await ProductVariant.select(ProductVariant.id)]
        telegram_ids = [FIRST_SHOPPER + n for n in range(orders)]
        for telegram_id in telegram_ids:
            await record_user(
                telegram_id, first_name="Shopper", last_name=None, username=None, language="en"
            )
        singles: list[Spent] = []
        batches: list[Spent] = []
        for _ in range(rounds):
            keys = await _waiting_checkouts(telegram_ids, variants)
            singles.append(await _measured(partial(_one_by_one, keys, settings)))
            print("  " + singles[-1].line("one by one", orders))
            keys = await _waiting_checkouts(telegram_ids, variants)
            batches.append(await _measured(partial(place_batch, keys, settings)))
            print("  " + batches[-1].line("one batch", orders))
        single, batch = _median(singles), _median(batches)
        print(f"  median      {single.line('one by one', orders)}")
        print(f"  median      {batch.line('one batch', orders)}")
        print(
            f"  one batch / one by one: wall {batch.wall / single.wall:.2f}x, "
            f"database {batch.database / single.database:.2f}x"
        )


async def _one_by_one(keys: list[str], settings: Settings) -> None:
    for key in keys:
        await place(key, settings)


def _median(runs: list[Spent]) -> Spent:
    return Spent(
        statistics.median(run.wall for run in runs),
        statistics.median(run.database for run in runs),
        int(statistics.median(run.statements for run in runs)),
    )


# -- part 2: a burst of confirms through the app -----------------------------------------


def _batch_counters(port: int | None) -> dict[str, int]:
    if port is None:
        return {}
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        body = answer.read().decode()
    pattern = r'shopbot_events_total\{name="(order_batches|orders_in_batches)"\} (\S+)'
    return {name: int(float(value)) for name, value in re.findall(pattern, body)}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _to_the_summary(shopper: SimulatedUser, product: int) -> None:
    for step in journey_steps(shopper, product)[:-1]:
        await step()


async def _to_summaries(people: list[SimulatedUser]) -> None:
    with anyio.fail_after(300):
        async with anyio.create_task_group() as group:
            for n, shopper in enumerate(people):
                group.start_soon(_to_the_summary, shopper, n % 6)


@dataclass
class Burst:
    """One burst: per shopper, Confirm -> its update handled ("Placing…" shown), and
    Confirm -> the order number; the process's CPU time and the wall time."""

    handled: list[float]
    placed: list[float]
    cpu: float = 0.0
    wall: float = 0.0
    statements: int = 0

    def lines(self, name: str) -> list[str]:
        def figures(values: list[float]) -> str:
            return ", ".join(
                f"{label} {percentile(values, share) * 1000:6.1f} ms"
                for label, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
            )

        return [
            f"{name}: Confirm -> order number {figures(self.placed)}",
            f"{' ' * len(name)}  Confirm -> update handled {figures(self.handled)}",
            f"{' ' * len(name)}  wall {self.wall * 1000:.0f} ms, process CPU "
            f"{self.cpu * 1000:.0f} ms, {self.statements} SQL statements",
        ]


async def burst(orders: int, rounds: int, profile: bool) -> None:
    print(
        f"2. burst: {orders} shoppers at the summary press Confirm at the same moment, "
        f"{rounds} rounds (fresh shoppers each)"
    )
    bursts: list[Burst] = []
    async with database() as settings:
        tg = FakeTelegram(request_log=REQUEST_LOG)
        tg.user(SUPERADMIN, lang="en", first_name="Owner")
        async with running_app(settings, tg) as bot:
            await stock_the_shop()
            warm = shoppers(tg, FIRST_SHOPPER - 10, 5)
            await _to_summaries(warm)
            await _confirm_all(warm)  # the first orders pay for cold caches
            counters = await anyio.to_thread.run_sync(_batch_counters, bot.http_port)
            profiler = cProfile.Profile() if profile else None
            for round_number in range(rounds):
                people = shoppers(tg, FIRST_SHOPPER + round_number * orders, orders)
                await _to_summaries(people)
                await _quiet()
                statements, cpu = _engine().statements.count, time.process_time()
                started = time.perf_counter()
                if profiler is not None:
                    profiler.enable()
                one = await _confirm_all(people)
                if profiler is not None:
                    profiler.disable()
                one.wall = time.perf_counter() - started
                one.cpu = time.process_time() - cpu
                one.statements = _engine().statements.count - statements
                bursts.append(one)
                print("\n".join("  " + line for line in one.lines(f"round {round_number + 1}")))
            after = await anyio.to_thread.run_sync(_batch_counters, bot.http_port)
        errors = len(tg.take_handler_errors())
        tg.close()
    batches = after.get("order_batches", 0) - counters.get("order_batches", 0)
    batched = after.get("orders_in_batches", 0) - counters.get("orders_in_batches", 0)
    every = Burst(
        [s for b in bursts for s in b.handled],
        [s for b in bursts for s in b.placed],
        sum(b.cpu for b in bursts),
        sum(b.wall for b in bursts),
        sum(b.statements for b in bursts),
    )
    print("\n".join("  " + line for line in every.lines("all rounds")))
    print(
        f"  order processor: {batched} orders in {batches} batches "
        f"(the admins' cards are sent after the customers: not all inside the bursts); "
        f"handler errors: {errors}"
    )
    if profiler is not None:
        _print_profile(profiler)


async def _quiet() -> None:
    """Until the app has sent nothing for 0.3 s (the last round's admin cards)."""
    last, since = _engine().statements.count, time.perf_counter()
    while time.perf_counter() - since < 0.3:
        await anyio.sleep(0.05)
        if _engine().statements.count != last:
            last, since = _engine().statements.count, time.perf_counter()


async def _confirm_all(people: list[SimulatedUser]) -> Burst:
    result = Burst([], [])

    async def confirm(shopper: SimulatedUser) -> None:
        pressed = time.perf_counter()
        await shopper.press("✅ Confirm")
        result.handled.append(time.perf_counter() - pressed)
        placed = await shopper.expect_message(timeout=120)
        result.placed.append(time.perf_counter() - pressed)
        if not placed.text.startswith("✅ Order #"):
            raise RuntimeError(f"shopper {shopper.id}: {placed.text!r}")

    with anyio.fail_after(300):
        async with anyio.create_task_group() as group:
            for shopper in people:
                group.start_soon(confirm, shopper)
    return result


def _print_profile(profiler: cProfile.Profile) -> None:
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(25)
        print(f"  profile of the burst, by {order}:")
        print("\n".join("    " + line for line in out.getvalue().splitlines()[4:34]))


# -- main -----------------------------------------------------------------------------------


async def bench(orders: int, rounds: int, profile: bool, parts: str) -> None:
    print(f"machine: {machine()}")
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if "1" in parts:
        await placement_alone(orders, rounds)
    if "2" in parts:
        await burst(orders, rounds, profile)
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile the burst")
    parser.add_argument("--parts", default="12", help="which parts to run: 1, 2 or 12")
    arguments = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    anyio.run(
        bench,
        arguments.orders,
        arguments.rounds,
        arguments.profile,
        arguments.parts,
        backend="asyncio",
    )


if __name__ == "__main__":
    main()
