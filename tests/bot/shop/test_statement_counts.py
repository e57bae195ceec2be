"""SQL statements per update on the shopper's hot path, counted on the pool's connections
(`runtime.db_statements.StatementCounter`: every statement, BEGIN and COMMIT included).

Browsing and the cart take at most two statements per update once the shopper is known
(their ban and language cached in process, `last_active_at` written in batches). The
numbers are counts, not times: a new query on these paths fails here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import anyio
import pytest

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.catalogue import Category
from runtime.db_engine import ShopPostgresEngine
from tests.bot.shop.shop import add_category, add_product
from tests.fixtures.app import bot_settings, running_bot

pytestmark = pytest.mark.postgres

#: The most statements a browsing or cart update may take.
HOT_PATH_LIMIT = 2


def statements() -> int:
    engine = Category._meta.db
    assert isinstance(engine, ShopPostgresEngine)
    return engine.statements.count


async def counted(step: Callable[[], Awaitable[object]]) -> int:
    """The statements one update cost, handled to the end (the driver waits for the app
    to report it handled; asyncpg logs a query one loop step after it returned)."""
    before = statements()
    await step()
    for _ in range(3):
        await anyio.lowlevel.checkpoint()
    return statements() - before


def label_starting(shopper: SimulatedUser, prefix: str) -> str:
    for row in shopper.last_message.buttons:
        for label in row:
            if label.startswith(prefix):
                return label
    raise LookupError(f"no button starting {prefix!r}")


async def journey_counts(shopper: SimulatedUser) -> dict[str, int]:
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
    return {name: await counted(step) for name, step in steps}


async def test_browsing_and_the_cart_take_at_most_two_statements_per_update(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(postgres_database), fake_telegram):
        tees = await add_category("Tees")
        await add_product(tees, "Tee", variants=[("S", 5, None), ("M", 5, None)])
        first = fake_telegram.user(3101, lang="en", first_name="First", phone="+447000003101")
        await journey_counts(first)  # the first visit records the user and warms up
        shopper = fake_telegram.user(3102, lang="en", first_name="Second", phone="+447000003102")
        await shopper.send("/start")  # recorded: from here on the shopper is known
        counts = await journey_counts(shopper)
        print("statements per update:", counts)
        for step in ("catalogue", "category", "product", "size", "cart"):
            assert counts[step] <= HOT_PATH_LIMIT, (step, counts)
        assert counts["start"] <= HOT_PATH_LIMIT, counts
    fake_telegram.assert_no_handler_errors()
