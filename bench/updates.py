"""Update-handling benchmark: shoppers running the whole journey against the real app.

    .venv/bin/python -m bench.updates                      # 100 shoppers, 3 rounds
    .venv/bin/python -m bench.updates --shoppers 300 --rounds 3 --no-fixed-rate
    .venv/bin/python -m bench.updates --young 700,10       # CPython's young collections
    .venv/bin/python -m bench.updates --rate-runs 1        # one run at each fixed rate

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); the run makes and drops
its own database. The app is `main.serve` (five actors, real Kurigram, PostgreSQL) on
the fake Telegram, in this process. Every shopper does, as fast as the bot answers:

    /start -> Catalogue -> a category -> a product -> a size -> quantity 1 -> Go to cart
    -> Checkout -> name -> contact -> Pickup -> Skip -> Confirm, then waits for the order

which is 13 updates: 5 messages (/start, the name, the contact, "Pickup" and "Skip" from
the reply keyboard) and 8 button presses. Each update is timed from the moment it is
pushed into Kurigram until the app reports it handled (the fake's observer): that is the
handler latency. Throughput is the updates handled per second of the whole load.

Baselines, on a bare Kurigram bot on the same fake, with no database:

* fair echo: exactly the shop's mix (5 messages, 8 presses per journey, the contact
  shared as a contact) and the shop's Telegram work per update: a message is answered
  with a message carrying an inline keyboard, a press edits its message and answers the
  callback, through the shop's own send and edit (`bot.screens.send_text`,
  `edit_message`: raw requests whose answers are not parsed into messages), and with
  the shop's wait for a started session (runtime/session_started.py, since 2026-12-07
  05:35 UTC). That is the framework's floor for this load; shop / fair echo is what the
  handlers, the actors and PostgreSQL cost on top of it. Its client keeps Kurigram's
  default storage, which writes every update's peers into SQLite (the shop's does not).
* idiomatic fair echo: the same, written with Kurigram's `reply_text` and `edit_text`
  (which parse every answer into a `Message`), as the shop sent until 2026-12-06: the
  floor the shop was compared with until then.
* old echo: the earlier baseline, kept for comparison (the contact, "Pickup" and "Skip"
  counted as presses, and a press only answered, no edit): it flatters the floor.
* replay echo (bench/replay_echo.py): the shop's own Telegram traffic, request for
  request (its texts and keyboards, the order's notices after Confirm), recorded from
  one shopper's journey through the shop and replayed by a bare bot, driven by the
  same journey as the shop. The fair echo's one-button answers are smaller than the
  shop's, and Telegram's side and Kurigram's grow with them in this process: shop /
  replay echo is what the shop's work (handlers, actors, PostgreSQL) costs on top of
  the traffic it makes.

Saturation (every shopper at once) measures throughput; its latencies only restate the
queue. The fixed-rate mode then offers updates as a Poisson process at 25%, 50% and 75%
of the shop's measured peak and reports p50/p95/p99 handler latency at each: latency
under a load the shop can carry. Its visits arrive independently and each shopper pauses
between steps (an open load, as independent people give), so the journey's mix is the
same at every moment: its Confirms, and the orders they start, are spread over the run
rather than all coming at its end. The three rates are run RATE_RUNS times, interleaved
(`--rate-runs`), and each rate's figures are the medians of its runs: on this shared
machine one ten-second run can fall into a slow spell of the host, and the same code's
p99 at half the peak ranged from 11 to 78 ms over single runs.

The app's client keeps its session and peers in the database, as `main.py`'s does on
PostgreSQL (runtime/telegram_storage.py). The baselines run in the same process, each
on its own fake Telegram, and their saturation rounds are interleaved with the shop's
(round n of every bot, then round n+1, each round starting one bot later): on this
shared machine the host's speed drifts by a third within minutes, and a slow spell that
fell on one part of a run made its ratio (run one bot's rounds after the other's,
three runs within 26 minutes gave shop / fair echo 0.37x, 0.48x and 0.57x: the shop
made 514, 458 and 483 updates/s, the fair echo, run later in each, 1 372, 957 and 854).
The process runs the collector as production does: the app is served with
`main.serve`'s `settle_gc` (runtime/gc_policy.py: the start-up heap frozen, full
collections rare), and every bot's round starts from a heap settled the same way
(collected, then frozen), so no round pays for what another left (the fake's world
lives in this process too). Each fixed-rate run also reports the collector's pauses by
generation (bench/collector.py): a pause holds every update in flight. `--young` sets
other young-generation thresholds for the whole run, to compare policies.

Counted, not estimated: SQL statements (every statement on the pool's connections, BEGIN
and COMMIT included: runtime/db_statements.py) and Telegram requests (the fake's request
log) per update, over the saturation rounds, and per step of one shopper's journey alone.

The flood guard lets a person send 8 updates at once and 2 a second after; simulated
shoppers go much faster, so FLOOD_BURST is set large here (as tests/fixtures/app.py does).
Not a test: it prints figures and the machine, for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import random
import secrets
import signal
import statistics
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio
import asyncpg
from anyio.abc import TaskStatus
from loguru import logger
from pyrogram import Client, filters
from pyrogram.enums import ParseMode
from pyrogram.handlers import CallbackQueryHandler, MessageHandler
from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bench.collector import CollectorPauses
from bench.machine import machine
from bench.replay_echo import Script, replay_bot
from bot.screens import edit_message, send_text
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from fake_telegram.client import session_string
from fake_telegram.telegram import RequestRecord
from main import RunningBot, serve
from models import telegram_sessions
from models.catalogue import Category, Product, ProductVariant
from models.clock import utcnow
from runtime.db_engine import ShopPostgresEngine
from runtime.gc_policy import GEN2_AFTER, MIDDLE_AFTER, settle_heap
from runtime.session_started import answer_started_at_once
from runtime.telegram import SESSION_NAME
from runtime.telegram_storage import DatabaseStorage

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
#: Requests the fake keeps whole (its counters count them all): the fake's world lives
#: in the bot's process here, and its garbage would otherwise be the collector's work.
REQUEST_LOG = 1_000
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
    sent: list[float] = field(default_factory=list)  # perf_counter() at each update's send
    wall: float = 0.0
    orders: list[float] = field(default_factory=list)  # Confirm -> "Order #N placed"

    @property
    def updates(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.updates / self.wall if self.wall else 0.0

    def within(self, start: float, end: float) -> Load:
        """The updates sent between `start` and `end` (perf_counter()), as a run of its own."""
        kept = [
            (at, took)
            for at, took in zip(self.sent, self.latencies, strict=True)
            if start <= at < end
        ]
        return Load(
            self.name,
            [took for _, took in kept],
            [at for at, _ in kept],
            wall=end - start,
            orders=self.orders,
        )

    def percentile(self, share: float, values: list[float] | None = None) -> float:
        ordered = sorted(self.latencies if values is None else values)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def line(self) -> str:
        return (
            f"{self.name:<14} {self.updates:>6} updates in {self.wall:6.2f} s: "
            f"{self.per_second:8.1f} updates/s, handler latency "
            f"p50 {self.percentile(0.5) * 1000:6.1f} ms, "
            f"p95 {self.percentile(0.95) * 1000:6.1f} ms, "
            f"p99 {self.percentile(0.99) * 1000:6.1f} ms"
        )


async def timed(load: Load, action: Awaitable[object]) -> None:
    started = time.perf_counter()
    await action
    load.latencies.append(time.perf_counter() - started)
    load.sent.append(started)


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


def production_client(tg: FakeTelegram) -> Callable[[], Client]:
    """The bot's client as `main.py` builds it on PostgreSQL: its session and the peers
    it meets kept in the database (runtime/telegram_storage.py), here on the fake."""

    def build() -> Client:
        storage = DatabaseStorage(
            SESSION_NAME, telegram_sessions, seed_session_string=session_string(bot_id=tg.bot_id)
        )
        return tg.make_client(storage=storage)

    return build


@asynccontextmanager
async def running_app(settings: Settings, tg: FakeTelegram) -> AsyncIterator[RunningBot]:
    """`main.serve` in this process until the block ends (then SIGTERM, as in production)."""
    stopped = anyio.Event()

    async def run(*, task_status: TaskStatus[RunningBot]) -> None:
        try:
            await serve(
                settings,
                production_client(tg),
                observer=tg,
                settle_gc=True,
                task_status=task_status,
            )
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


#: Waits before each step of a journey: nothing at saturation, an arrival in fixed-rate mode.
Pace = Callable[[], Awaitable[None]]


async def go_now() -> None:
    return None


#: The journey's 13 steps, named for the per-step counts.
STEP_NAMES = (
    "/start",
    "Catalogue",
    "category",
    "product",
    "size",
    "quantity",
    "Go to cart",
    "Checkout",
    "name",
    "contact",
    "Pickup",
    "Skip",
    "Confirm",
)


def journey_steps(shopper: SimulatedUser, product: int) -> list[Callable[[], Awaitable[object]]]:
    """The 13 updates of one shopper's visit, in order (see STEP_NAMES)."""
    return [
        lambda: shopper.send("/start"),
        lambda: shopper.press("🛍 Catalogue"),
        lambda: shopper.press("Tees"),
        lambda: shopper.press(starting(shopper, f"Tee {product}")),
        lambda: shopper.press("M"),
        lambda: shopper.press("1"),
        lambda: shopper.press("🛒 Go to cart"),
        lambda: shopper.press("✅ Checkout"),
        lambda: shopper.send(f"Shopper {shopper.id}"),
        shopper.share_contact,
        lambda: shopper.press("🏬 Pickup"),
        lambda: shopper.press("Skip"),
        lambda: shopper.press("✅ Confirm"),
    ]


async def journey(shopper: SimulatedUser, product: int, load: Load, pace: Pace = go_now) -> None:
    """The whole visit, each update timed, then the wait for the order number."""
    *steps, confirm = journey_steps(shopper, product)
    for step in steps:
        await pace()
        await timed(load, step())
    await pace()
    confirmed = time.perf_counter()
    await timed(load, confirm())
    placed = await shopper.expect_message(timeout=60)
    load.orders.append(time.perf_counter() - confirmed)
    if not placed.text.startswith("✅ Order #"):
        raise RuntimeError(f"shopper {shopper.id}: {placed.text!r}")


#: The shop's journey: m a message, c a button press (the driver's "press" of a reply
#: keyboard button is a message: Pickup and Skip).
JOURNEY_KINDS = "mcccccccmmmmc"
#: The mix the old echo baseline used (the contact, Pickup and Skip as presses).
OLD_ECHO_KINDS = "mccccccctcccc"


def shoppers(tg: FakeTelegram, first: int, count: int) -> list[SimulatedUser]:
    return [
        tg.user(first + n, lang="en", first_name=f"Shopper{n}", phone=f"+4470{first + n:08d}")
        for n in range(count)
    ]


async def run_journeys(
    tg: FakeTelegram, people: list[SimulatedUser], name: str, pace: Pace = go_now
) -> Load:
    load = Load(name)
    started = time.perf_counter()
    with anyio.fail_after(600):
        async with anyio.create_task_group() as group:
            for n, shopper in enumerate(people):
                group.start_soon(journey, shopper, n % PRODUCTS, load, pace)
    load.wall = time.perf_counter() - started
    return load


#: Issue 10's target for shop / fair echo throughput (`Budget`: what it leaves the shop).
TARGET_RATIO = 0.6
#: The fixed-rate mode's arrival rates, as shares of the shop's measured peak.
SHARES = (0.25, 0.5, 0.75)
#: Runs at each rate (interleaved), by default: each figure is their median.
RATE_RUNS = 3
#: How long each fixed-rate run is measured, in its steady state (seconds).
FIXED_RATE_SECONDS = 10.0
#: Shopper ids of two fixed-rate runs are this far apart (more than a run's visits).
VISITS_APART = 100_000
#: A shopper's mean pause between two steps in the fixed-rate mode (seconds, exponential).
THINK = 0.3


class Thinking:
    """A shopper's pause before each next step: exponential, THINK seconds on average."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    async def __call__(self) -> None:
        await anyio.sleep(self._random.expovariate(1 / THINK))


async def fixed_rate(tg: FakeTelegram, first: int, rate: float, seconds: float, name: str) -> Load:
    """Visits arriving as a Poisson process, `rate` updates per second in the steady state.

    Visits start independently (rate / 13 per second, exponentially spaced), and each
    shopper takes their next step after an exponential pause (THINK on average), so the
    updates of many shoppers interleave as a Poisson stream with the journey's mix at
    every moment, as independent people's would. Only the updates sent in the steady
    state are measured: after one visit's length of ramp-up (the load builds up while the
    first visits are under way) and for `seconds`; the visits under way then finish.
    """
    visits_per_second = rate / len(JOURNEY_KINDS)
    ramp = len(JOURNEY_KINDS) * THINK
    arrivals = random.Random(first)
    load = Load(name)
    began = time.perf_counter()
    window = (began + ramp, began + ramp + seconds)
    with anyio.fail_after(ramp + seconds + 600):
        async with anyio.create_task_group() as group:
            at = began
            person = first
            while at < window[1]:
                at += arrivals.expovariate(visits_per_second)
                await anyio.sleep(max(0.0, at - time.perf_counter()))
                (shopper,) = shoppers(tg, person, 1)
                group.start_soon(journey, shopper, person % PRODUCTS, load, Thinking(person))
                person += 1
    return load.within(*window)


@dataclass(frozen=True)
class Counts:
    """SQL statements and Telegram requests over some updates."""

    statements: int
    requests: int

    @staticmethod
    def now(tg: FakeTelegram) -> Counts:
        engine = Category._meta.db
        assert isinstance(engine, ShopPostgresEngine)
        return Counts(engine.statements.count, tg.requests_seen)

    def __sub__(self, other: Counts) -> Counts:
        return Counts(self.statements - other.statements, self.requests - other.requests)


async def quiet(tg: FakeTelegram) -> Counts:
    """The counts once nothing moved for 0.3 s (the app's work in flight is done)."""
    last, quiet_since = Counts.now(tg), time.perf_counter()
    while time.perf_counter() - quiet_since < 0.3:
        await anyio.sleep(0.05)
        current = Counts.now(tg)
        if current != last:
            last, quiet_since = current, time.perf_counter()
    return last


class LoopTurns:
    """Counts the turns of the running asyncio loop while `counting()` (a bench-only
    wrapper of the loop's private `_run_once`). Each turn runs every callback ready then,
    so under load every turn an update takes costs it about one turn's length: the
    turns from an update's send to its answer are its latency's shape, and unlike a
    time on this shared, noisy machine they are the same from run to run."""

    def __init__(self) -> None:
        self.count = 0

    @contextmanager
    def counting(self) -> Iterator[None]:
        loop: Any = asyncio.get_running_loop()
        one_turn = loop._run_once

        def counted_turn() -> None:
            self.count += 1
            one_turn()

        loop._run_once = counted_turn
        try:
            yield
        finally:
            del loop._run_once  # the class's own again


@dataclass(frozen=True)
class StepCost:
    """One step alone: its statements and requests (the work it started included), the
    loop's turns from the update's send to its answer, and the requests themselves (the
    replay echo's script: bench/replay_echo.py)."""

    counts: Counts
    turns: int
    requests: tuple[RequestRecord, ...]
    answered: int  # how many of `requests` were made by the time the update was handled


async def counted(tg: FakeTelegram, action: Awaitable[object]) -> StepCost:
    """What `action` cost, once the app is quiet again (the order processor's work after
    Confirm included: the count waits until nothing moved for 0.3 s). It starts from a
    quiet app too: the work of earlier updates (the warm-up's order notices) is not
    counted as this one's."""
    before = await quiet(tg)
    turns = LoopTurns()
    with turns.counting():
        await action
    answered = Counts.now(tg) - before
    spent = await quiet(tg) - before
    made = tuple(list(tg.requests)[-spent.requests :]) if spent.requests else ()
    return StepCost(spent, turns.count, made, answered.requests)


async def per_step(tg: FakeTelegram, shopper: SimulatedUser) -> list[tuple[str, StepCost]]:
    """One shopper alone: what each step of the journey costs."""
    steps = journey_steps(shopper, 0)
    return [(name, await counted(tg, step())) for name, step in zip(STEP_NAMES, steps, strict=True)]


# -- the echo baseline --------------------------------------------------------------------


#: The echo baselines (see the module docstring).
FAIR, IDIOMATIC, OLD = "fair echo", "idiomatic fair echo", "old echo"
REPLAY = "replay echo"
SHOP = "shop"
FLOORS = (FAIR, IDIOMATIC, OLD, REPLAY)


def echo_bot(tg: FakeTelegram, kind: str) -> Client:
    """A bare Kurigram bot. Fair and idiomatic: a message gets a message with an inline
    keyboard, a press edits its message and answers the callback (the shop's Telegram
    work), fair through the shop's raw send and edit, idiomatic through Kurigram's
    methods. Old: a message gets a message, a press is only answered."""
    client = tg.make_client(name=kind.replace(" ", "-"))
    again = InlineKeyboardMarkup([[InlineKeyboardButton("Again", callback_data="again")]])

    async def echo(_client: Client, message: Message) -> None:
        if kind == FAIR and message.from_user is not None:
            await send_text(
                client,
                message.from_user.id,
                message.text or "…",
                reply_markup=again,
                parse_mode=ParseMode.DISABLED,
            )
        else:
            await message.reply_text(message.text or "…", reply_markup=again)

    async def answer(_client: Client, query: CallbackQuery) -> None:
        pressed = f"pressed at {time.monotonic():.6f}"
        if kind == FAIR and query.message is not None:
            await edit_message(
                client,
                query.from_user.id,
                query.message.id,
                pressed,
                reply_markup=again,
                parse_mode=ParseMode.DISABLED,
            )
        elif kind == IDIOMATIC and query.message is not None:
            await query.message.edit_text(pressed, reply_markup=again)
        await query.answer()

    client.add_handler(MessageHandler(echo, filters.private))
    client.add_handler(CallbackQueryHandler(answer))
    tg.install_observer(client)
    return client


async def echo_visit(shopper: SimulatedUser, load: Load, kinds: str) -> None:
    """As many updates as a journey, messages and presses in the same places; the
    contact (the 10th update) shared as a contact in the fair mix."""
    for position, kind in enumerate(kinds):
        if kind == "c":
            await timed(load, shopper.press("Again"))
        elif kind == "m" and position == 9:
            await timed(load, shopper.share_contact())
        else:
            await timed(load, shopper.send(f"hello from {shopper.id}"))


async def run_echo(tg: FakeTelegram, people: list[SimulatedUser], kind: str) -> Load:
    load = Load(kind)
    kinds = OLD_ECHO_KINDS if kind == OLD else JOURNEY_KINDS
    client = echo_bot(tg, kind)
    await client.start()
    if kind == FAIR:  # the shop's Telegram path: its sends, and its wait for the session
        answer_started_at_once(client)
    try:
        started = time.perf_counter()
        with anyio.fail_after(600):
            async with anyio.create_task_group() as group:
                for shopper in people:
                    group.start_soon(echo_visit, shopper, load, kinds)
        load.wall = time.perf_counter() - started
    finally:
        with anyio.CancelScope(shield=True), anyio.move_on_after(10):
            await client.stop()
    return load


class Floors:
    """The baselines, each a bare bot on its own fake Telegram in this process, warmed up
    once: `round(kind, n)` runs round n of one (fresh shoppers), so that the bench can
    interleave their rounds with the shop's."""

    def __init__(self, script: Script, shopper_count: int) -> None:
        self._script = script
        self._count = shopper_count
        self._fakes: dict[str, FakeTelegram] = {}
        self._replay: Client | None = None
        self.requests: dict[str, int] = dict.fromkeys(FLOORS, 0)  # made in the rounds

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Floors]:
        with contextlib.ExitStack() as fakes:
            for kind in FLOORS:
                self._fakes[kind] = fakes.enter_context(FakeTelegram(request_log=REQUEST_LOG))
            replay_tg = self._fakes[REPLAY]
            replay_tg.user(SUPERADMIN, lang="en", first_name="Owner")
            async with anyio.create_task_group() as later:
                self._replay = replay_bot(replay_tg, self._script, later)
                await self._replay.start()
                answer_started_at_once(self._replay)  # as the shop's client (runtime/telegram)
                try:
                    for kind in FLOORS:
                        await self._play(kind, shoppers(self._fakes[kind], FIRST_SHOPPER - 10, 5))
                    yield self
                finally:
                    with anyio.CancelScope(shield=True), anyio.move_on_after(10):
                        await self._replay.stop()

    async def round(self, kind: str, number: int) -> Load:
        tg = self._fakes[kind]
        before = tg.requests_seen
        load = await self._play(
            kind, shoppers(tg, FIRST_SHOPPER + number * self._count, self._count)
        )
        await quiet(tg)  # the replayed order card, sent after the round's last update
        self.requests[kind] += tg.requests_seen - before
        return load

    async def _play(self, kind: str, people: list[SimulatedUser]) -> Load:
        if kind == REPLAY:
            return await run_journeys(self._fakes[kind], people, kind)
        return await run_echo(self._fakes[kind], people, kind)


# -- main -----------------------------------------------------------------------------------


def young_collections(young: tuple[int, int] | None) -> None:
    """`--young`: the young generations' thresholds instead of runtime/gc_policy.py's
    (allocations per young collection, young collections per middle one), to compare
    collector policies on the same bench; full collections stay as far apart."""
    if young is not None:
        allocations, per_middle = young
        gc.set_threshold(allocations, per_middle, GEN2_AFTER * MIDDLE_AFTER // per_middle)


def young_thresholds(value: str) -> tuple[int, int]:
    """`--young 700,10` as (700, 10)."""
    allocations, per_middle = (int(part) for part in value.split(","))
    if allocations < 1 or per_middle < 1:
        raise ValueError(value)
    return allocations, per_middle


def settled(young: tuple[int, int] | None) -> None:
    """Before each round, of every bot alike: what earlier rounds left is collected and
    what lives on is frozen (the shop's start-up policy, runtime/gc_policy.py), so that a
    round's collections neither walk nor free what another round made."""
    settle_heap()
    young_collections(young)


async def bench(
    shopper_count: int, rounds: int, rate_runs: int, young: tuple[int, int] | None = None
) -> None:
    print(f"machine: {machine()}")
    print(f"load: {shopper_count} shoppers at once, {len(JOURNEY_KINDS)} updates each")
    loads: dict[str, list[Load]] = {kind: [] for kind in (SHOP, *FLOORS)}
    at_rate: dict[float, list[tuple[Load, CollectorPauses]]] = {share: [] for share in SHARES}
    async with database() as settings:
        tg = FakeTelegram(request_log=REQUEST_LOG)
        tg.user(SUPERADMIN, lang="en", first_name="Owner")
        async with running_app(settings, tg):
            young_collections(young)
            await stock_the_shop()
            await run_journeys(tg, shoppers(tg, FIRST_SHOPPER - 10, 5), "warm-up")
            alone = shoppers(tg, FIRST_SHOPPER - 20, 1)[0]
            steps = await per_step(tg, alone)
            script = Script.of([(cost.requests, cost.answered) for _, cost in steps], alone.id)
            before = await quiet(tg)
            async with Floors(script, shopper_count).running() as floors:
                for number in range(rounds):
                    for kind in rotated((SHOP, *FLOORS), number):
                        settled(young)
                        if kind == SHOP:
                            first = FIRST_SHOPPER + number * shopper_count
                            people = shoppers(tg, first, shopper_count)
                            load = await run_journeys(tg, people, kind)
                            await quiet(tg)  # the round's last orders' notices
                        else:
                            load = await floors.round(kind, number)
                        load.name = f"{kind} #{number + 1}"
                        loads[kind].append(load)
                        print(load.line())
            spent = Counts.now(tg) - before
            peak = Medians.of(loads[SHOP]).per_second
            first = FIRST_SHOPPER + rounds * shopper_count
            for _ in range(rate_runs):  # the rates interleaved: a noisy spell hits them alike
                for share in SHARES:
                    rate = share * peak
                    name = f"{share:.0%} ({rate:.0f}/s)"
                    pauses = CollectorPauses()
                    with pauses.during():
                        load = await fixed_rate(tg, first, rate, FIXED_RATE_SECONDS, name)
                    first += VISITS_APART
                    at_rate[share].append((load, pauses))
                    print(load.line())
        errors = len(tg.take_handler_errors())
        tg.close()
    print_comparison(loads, floors.requests, spent, rounds)
    print_steps(steps)
    if rate_runs:
        print_fixed_rates(at_rate)
    all_orders = sorted(seconds for load in loads[SHOP] for seconds in load.orders)
    print(
        f"order placement (Confirm -> order number), saturation rounds: "
        f"p50 {statistics.median(all_orders) * 1000:.1f} ms, "
        f"p99 {all_orders[int(0.99 * (len(all_orders) - 1))] * 1000:.1f} ms"
    )
    print(f"handler errors: {errors}")


def rotated(kinds: tuple[str, ...], number: int) -> tuple[str, ...]:
    """Round `number`'s order: each round starts one bot later, so that none always
    runs right after the same other one."""
    shift = number % len(kinds)
    return kinds[shift:] + kinds[:shift]


def print_comparison(
    loads: dict[str, list[Load]], floor_requests: dict[str, int], spent: Counts, rounds: int
) -> None:
    """Each bot's medians over its rounds, the shop's ratios to the floors, and what the
    shop's rounds cost in statements and requests."""
    print()
    medians = {kind: Medians.of(runs) for kind, runs in loads.items()}
    for kind, median in medians.items():
        label = f"{kind}, median of {rounds} rounds:"
        print(f"{label:<40}{median.line()}")
    shop = medians[SHOP].per_second
    ratios = {kind: shop / medians[kind].per_second for kind in FLOORS}
    print(
        f"shop / fair echo (medians, rounds interleaved): throughput {ratios[FAIR]:.2f}x"
        f" (shop / idiomatic fair echo {ratios[IDIOMATIC]:.2f}x,"
        f" shop / old echo {ratios[OLD]:.2f}x)"
    )
    print(
        f"shop / fair echo round by round (each pair run close together):"
        f" {', '.join(f'{ratio:.2f}x' for ratio in paired_ratios(loads[SHOP], loads[FAIR]))}"
    )
    print(
        f"shop / replay echo (the shop's own Telegram traffic, none of its work):"
        f" {ratios[REPLAY]:.2f}x; replay echo / fair echo:"
        f" {medians[REPLAY].per_second / medians[FAIR].per_second:.2f}x"
    )
    print(Budget.of(medians).line())
    updates = sum(load.updates for load in loads[SHOP])
    print(
        f"shop, per update over the saturation rounds (orders' work included): "
        f"{spent.statements / updates:.2f} SQL statements, "
        f"{spent.requests / updates:.2f} Telegram requests"
    )
    made = ", ".join(
        f"{kind} {floor_requests[kind] / sum(load.updates for load in loads[kind]):.2f}"
        for kind in FLOORS
    )
    print(f"Telegram requests per update of the floors: {made}")


def paired_ratios(shop: list[Load], floor: list[Load]) -> list[float]:
    """Round n of the shop against round n of a floor: the rounds are interleaved (see
    `rotated`), so each pair ran within a minute of each other; their spread is the
    host's noise, which the medians hide."""
    return [mine.per_second / theirs.per_second for mine, theirs in zip(shop, floor, strict=True)]


@dataclass(frozen=True)
class Budget:
    """The saturation rounds as time per update (a CPU-bound process: 1 / throughput),
    and what a ratio target leaves the shop for its own work: its handlers, statements,
    actors and ledger, on top of the Telegram traffic the replay echo makes alone."""

    fair: float  # seconds per update
    replay: float
    shop: float
    target: float = TARGET_RATIO

    @classmethod
    def of(cls, medians: dict[str, Medians]) -> Budget:
        return cls(*(1 / medians[kind].per_second for kind in (FAIR, REPLAY, SHOP)))

    @property
    def own_work(self) -> float:
        return self.shop - self.replay

    @property
    def allowed(self) -> float:
        """The shop's time per update at `target` x the fair echo's throughput."""
        return self.fair / self.target

    def line(self) -> str:
        micro = 1e6
        return (
            f"time per update: fair echo {self.fair * micro:.0f} us, replay echo "
            f"{self.replay * micro:.0f} us, shop {self.shop * micro:.0f} us (its own work "
            f"{self.own_work * micro:.0f} us); at {self.target:.1f}x the fair echo the shop "
            f"would have {self.allowed * micro:.0f} us, {(self.allowed - self.replay) * micro:.0f}"
            f" us for its own work"
        )


def print_fixed_rates(at_rate: dict[float, list[tuple[Load, CollectorPauses]]]) -> None:
    """Each fixed-rate run, and each rate's medians over its runs."""
    print("fixed arrival rate (Poisson), handler latency:")
    for runs in at_rate.values():
        for load, pauses in runs:
            print(
                f"  {load.name:<14} p50 {load.percentile(0.5) * 1000:6.1f} ms, "
                f"p95 {load.percentile(0.95) * 1000:6.1f} ms, "
                f"p99 {load.percentile(0.99) * 1000:6.1f} ms ({load.updates} updates)"
            )
            print(f"  {'':<14} collector pauses: {pauses.summary()}")
        loads = [load for load, _ in runs]
        medians = {
            share: statistics.median(load.percentile(share) for load in loads)
            for share in (0.5, 0.95, 0.99)
        }
        print(
            f"  {loads[0].name:<14} median of {len(loads)} runs: "
            f"p50 {medians[0.5] * 1000:6.1f} ms, p95 {medians[0.95] * 1000:6.1f} ms, "
            f"p99 {medians[0.99] * 1000:6.1f} ms"
        )


def print_steps(steps: list[tuple[str, StepCost]]) -> None:
    print("one shopper alone, per step: SQL statements / Telegram requests / loop turns")
    costs = (f"{name} {c.counts.statements}/{c.counts.requests}/{c.turns}" for name, c in steps)
    print("  " + ", ".join(costs))
    print(f"  loop turns, the whole journey: {sum(c.turns for _, c in steps)}")


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
    parser.add_argument(
        "--young",
        type=young_thresholds,
        metavar="ALLOCATIONS,PER_MIDDLE",
        help="young-generation thresholds instead of runtime/gc_policy.py's (e.g. 700,10)",
    )
    parser.add_argument(
        "--rate-runs",
        type=int,
        default=RATE_RUNS,
        help="Poisson-arrival runs at each rate, interleaved (their medians are reported)",
    )
    parser.add_argument(
        "--no-fixed-rate", action="store_true", help="skip the Poisson-arrival latency runs"
    )
    arguments = parser.parse_args()
    logger.remove()
    logger.add(sys.stderr, level="WARNING")
    anyio.run(
        bench,
        arguments.shoppers,
        arguments.rounds,
        0 if arguments.no_fixed_rate else arguments.rate_runs,
        arguments.young,
        backend="asyncio",
    )


if __name__ == "__main__":
    main()
