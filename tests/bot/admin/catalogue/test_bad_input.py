"""What an admin types wrong (nonsense, negative, huge, control characters) for a
price, a stock or a SKU gets the expected format under the same question, and nothing
is stored; stock never goes below zero; a SKU another variant has is refused."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import AuditLog
from models.catalogue import Product
from models.conversations import get_conversation
from tests.bot.admin.catalogue.helpers import (
    catalogue_state,
    create_category,
    english_admin,
    the_product,
    variants_of,
)
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.fixtures.app import running_bot

BAD_PRICE = (
    "That is not a price. Type a number above zero, e.g.: 1990, 1 990 or 1990.50 "
    "(at most 10 000 000)."
)
BAD_STOCK_LIST = (
    "Type one number for every variant, or one per variant separated by spaces, "
    "e.g.: 5 or 5 3 (0 to 1 000 000)."
)
BAD_CHANGE = "That is not a change. Type +5, -2 or =10 (numbers up to 1 000 000)."
BAD_SKU = "A SKU is up to 64 Latin letters, digits and . _ -, starting with a letter or digit."
NONSENSE = ["abc", "-5", "99999999999999999999", "19\x0090", "1\u202e990", "🙂"]


async def refused_each(admin: SimulatedUser, typed: list[str], expected: str) -> None:
    """Each answer is refused with `expected`, then the question is asked again."""
    for answer in typed:
        [reply] = await admin.send(answer)
        assert reply.text.startswith(f"{expected}\n\n"), (answer, reply.text)


async def test_bad_prices_stocks_and_skus_are_asked_again_and_nothing_is_stored(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await admin.press("➕ Add a product")
        await admin.send("Basic tee")
        await admin.press("Skip")
        before = await get_conversation(ENGLISH_ADMIN)
        await refused_each(admin, [*NONSENSE, "0", "10000000,01", "1,990"], BAD_PRICE)
        assert await get_conversation(ENGLISH_ADMIN) == before
        await admin.send("1990")
        await admin.send("S, M")
        await admin.press("Skip")
        await admin.press("✅ Done")
        await refused_each(admin, [*NONSENSE, "1000001", "1 2 3"], BAD_STOCK_LIST)
        assert await Product.count() == 0
        await admin.send("2 0")
        product = await the_product()
        assert [v["stock"] for v in await variants_of(product.id)] == [2, 0]

        await admin.press("📦 Stock and SKUs")
        stock_screen = admin.last_message
        before_changes = await catalogue_state()
        await admin.press("S: 2 pcs", message=stock_screen)
        await refused_each(admin, [*NONSENSE[:1], "+1000001", "=-3", "+5\x07", "--1"], BAD_CHANGE)
        [reply] = await admin.send("-3")
        assert reply.text.startswith("Stock cannot go below zero. Type another number.\n\n")
        assert await catalogue_state() == before_changes
        await admin.send("+4")
        assert admin.last_message.text.startswith("“Basic tee”: press a variant")
        assert [v["stock"] for v in await variants_of(product.id)] == [6, 0]

        await admin.press("🏷 SKU", message=admin.last_message)
        audit = await AuditLog.count()
        await refused_each(admin, ["bad sku", "ФУТБОЛКА", "A" * 65, "X\x00Y", "-X"], BAD_SKU)
        other_sku = str((await variants_of(product.id))[1]["sku"])
        [reply] = await admin.send(other_sku)
        assert reply.text.startswith("Another variant has that SKU. Type another.\n\n")
        assert await AuditLog.count() == audit
        await admin.send("TEE-S")
        assert [v["sku"] for v in await variants_of(product.id)] == ["TEE-S", other_sku]
