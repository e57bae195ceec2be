"""SQL statements per update on the shopper's hot path, counted on the pool's connections
(`runtime.db_statements.StatementCounter`: every statement, BEGIN and COMMIT included).

Browsing and the cart take at most two statements per update once the shopper is known
(their ban and language cached in process, `last_active_at` written in batches). The
numbers are counts, not times: a new query on these paths fails here.

The update stream's ledger (`actors.updates.ledger`: which updates are handled, for
kill -9) is counted apart: it stores its batch after the update is handled, one
transaction per batch, so one update at a time is its worst case (a batch each) and a
busy bot shares one transaction among many updates.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import anyio
import pytest
from asyncpg.connection import LoggedQuery

import actors.updates.ledger
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.update_state import HandledKey, StreamState, save_progress
from models.users import get_user
from runtime.db_statements import StatementCounter
from tests.bot.shop.shop import add_category, add_product
from tests.fixtures.app import bot_settings, running_bot
from tests.fixtures.statements import statements_logged, statements_sent

pytestmark = pytest.mark.postgres

#: The most statements a browsing or cart update may take.
HOT_PATH_LIMIT = 2

#: A new user's /start: the upsert that records them (names, language, access hash,
#: `last_active_at`, read back as their status) and the checkout row's read.
NEW_USER_START = 2
#: A message moves the pts: its ledger batch is one statement on PostgreSQL (state,
#: keys and cleanup in one `WITH`, atomic by itself).
MOVED_LEDGER_BATCH = 1


class StartUpSweeps:
    """Tells when the app's start-up reads are done, so that no update is charged with
    them: the order processor's catch-up ends reading the channel posts (after the stock
    waits' and unpaid orders' sweeps), and the back-in-stock sender's first sweep reads
    the due waits. Both run once at start, beside the first updates."""

    LAST_READS = ('FROM "channel_posts"', 'FROM "stock_waits"')

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: set[str] = set()
        self.done = anyio.Event()
        count = StatementCounter._record

        def record(counter: StatementCounter, query: LoggedQuery) -> None:
            count(counter, query)
            self.seen.update(read for read in self.LAST_READS if read in query.query)
            if len(self.seen) == len(self.LAST_READS):
                self.done.set()

        monkeypatch.setattr(StatementCounter, "_record", record)

    async def wait(self) -> None:
        with anyio.fail_after(10):
            await self.done.wait()


def statements() -> int:
    count = statements_sent()
    assert count is not None  # PostgreSQL (pytestmark)
    return count


@dataclass
class LedgerWrites:
    """Wraps the ledger's `save_progress`: counts its statements and the updates it
    stored, and tells when a batch is stored."""

    keys: int = 0
    statements: int = 0

    def __post_init__(self) -> None:
        self.written = anyio.Event()

    async def save(
        self, bot_id: int, state: StreamState, handled: Sequence[HandledKey], *, moved: bool
    ) -> None:
        before = statements()
        await save_progress(bot_id, state, handled, moved=moved)
        await statements_logged()
        self.statements += statements() - before
        self.keys += len(handled)
        self.written.set()
        self.written = anyio.Event()

    async def wait_for(self, keys: int) -> None:
        with anyio.fail_after(10):
            while self.keys < keys:
                await self.written.wait()


@dataclass
class Cost:
    update: int  # the reader and the handler
    ledger: int  # the stream's ledger batch written after it


async def counted(ledger: LedgerWrites, step: Callable[[], Awaitable[object]]) -> Cost:
    """What one update cost once handled and its ledger batch stored (every step is one
    update the ledger keeps, and the one before it was stored before this one began)."""
    before, ledger_before, keys = statements(), ledger.statements, ledger.keys
    await step()
    await ledger.wait_for(keys + 1)
    await statements_logged()
    in_ledger = ledger.statements - ledger_before
    return Cost(statements() - before - in_ledger, in_ledger)


def label_starting(shopper: SimulatedUser, prefix: str) -> str:
    for row in shopper.last_message.buttons:
        for label in row:
            if label.startswith(prefix):
                return label
    raise LookupError(f"no button starting {prefix!r}")


async def journey_counts(ledger: LedgerWrites, shopper: SimulatedUser) -> dict[str, Cost]:
    steps: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("start", lambda: shopper.send("/start")),
        ("catalogue", lambda: shopper.press("🛍 Catalogue")),
        ("category", lambda: shopper.press("Tees")),
        ("product", lambda: shopper.press(label_starting(shopper, "Tee"))),
        ("size", lambda: shopper.press("M")),
        ("quantity", lambda: shopper.press("1")),
        ("cart", lambda: shopper.press("🛒 Go to cart")),
        ("checkout", lambda: shopper.press("✅ Checkout")),
        ("name", lambda: shopper.send(f"Shopper {shopper.id}")),
        ("contact", shopper.share_contact),
        ("delivery", lambda: shopper.press("🏬 Pickup")),
        ("comment", lambda: shopper.press("Skip")),
    ]
    out = {}
    for name, step in steps:
        print("STEP", name)
        out[name] = await counted(ledger, step)
    return out


async def test_browsing_and_the_cart_take_at_most_two_statements_per_update(
    postgres_database: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = LedgerWrites()
    monkeypatch.setattr(actors.updates.ledger, "save_progress", ledger.save)
    start_up = StartUpSweeps(monkeypatch)
    async with running_bot(bot_settings(postgres_database), fake_telegram):
        tees = await add_category("Tees")
        await add_product(tees, "Tee", variants=[("S", 5, None), ("M", 5, None)])
        first = fake_telegram.user(3101, lang="en", first_name="First", phone="+447000003101")
        await journey_counts(ledger, first)  # the first visit records the user and warms up
        await start_up.wait()
        shopper = fake_telegram.user(3102, lang="en", first_name="Second", phone="+447000003102")
        await counted(ledger, lambda: shopper.send("/start"))  # recorded from here on
        costs = await journey_counts(ledger, shopper)
        counts = {step: cost.update for step, cost in costs.items()}
        print("statements per update:", counts)
        print("ledger statements per update:", {s: c.ledger for s, c in costs.items()})
        for step in ("catalogue", "category", "product", "size", "quantity", "cart"):
            assert counts[step] <= HOT_PATH_LIMIT, (step, counts)
        # A button press moves no pts: its ledger batch is one INSERT, so a browsing press
        # costs at most two statements in all, even one at a time.
        for step in ("catalogue", "category", "product", "size", "cart"):
            assert costs[step].update + costs[step].ledger <= HOT_PATH_LIMIT, (step, costs)
    fake_telegram.assert_no_handler_errors()


async def test_a_new_users_start_takes_two_statements_and_one_for_its_ledger(
    postgres_database: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = LedgerWrites()
    monkeypatch.setattr(actors.updates.ledger, "save_progress", ledger.save)
    start_up = StartUpSweeps(monkeypatch)
    async with running_bot(bot_settings(postgres_database), fake_telegram):
        first = fake_telegram.user(3201, lang="en", first_name="First")
        await counted(ledger, lambda: first.send("/start"))  # warms the pool and the caches
        await start_up.wait()
        newcomer = fake_telegram.user(3202, lang="en", first_name="New")
        cost = await counted(ledger, lambda: newcomer.send("/start"))
        print("a new user's /start:", cost)
        assert "New" in newcomer.last_message.text  # welcomed by name
        assert cost == Cost(update=NEW_USER_START, ledger=MOVED_LEDGER_BATCH), cost
        user = await get_user(3202)
        assert user is not None
        assert user.first_name == "New"
        assert user.access_hash is not None  # stored with the row, in the same statement
    fake_telegram.assert_no_handler_errors()
