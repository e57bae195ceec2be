"""Categories in the back office: created, renamed, moved up and down, hidden from and
shown to shoppers, deleted when empty and refused with the reason when not; each
change one audit row."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.catalogue import Category
from tests.bot.admin.catalogue.helpers import create_category, create_tee, english_admin
from tests.bot.checkout.shop import shop_settings
from tests.bot.shop.shop import labels
from tests.fixtures.app import running_bot


async def shopper_sections(tg: FakeTelegram) -> list[str]:
    shopper = tg.user(2001, lang="en", first_name="Bob")
    await shopper.send("/start")
    await shopper.press("🛍 Catalogue")
    return labels(shopper.last_message)


async def test_categories_are_created_renamed_moved_hidden_and_deleted_when_empty(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await create_tee(admin, photos=0, stock="1")
        await admin.press("⬅ Category")
        await admin.press("⬅ Categories")
        await create_category(admin, "Caps")
        await admin.press("⬅ Categories")
        assert labels(admin.last_message) == [
            "Tees (1)",
            "Caps (0)",
            "➕ New category",
            "⬅ Management menu",
        ]

        await admin.press("Caps (0)")
        await admin.press("⬆")
        assert labels(admin.last_message)[:2] == ["Caps (0)", "Tees (1)"]
        assert admin.last_answer is not None and admin.last_answer.answer_text is None
        await admin.press("Caps (0)")
        await admin.press("⬆")  # already first
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "It cannot move further"
        await admin.press("Tees (1)")
        await admin.press("✏ Rename")
        await admin.send("T-shirts")
        assert admin.last_message.text.startswith("Category “T-shirts” (shown to shoppers)")

        await admin.press("🙈 Hide")
        assert admin.last_message.text.startswith("Category “T-shirts” (hidden from shoppers)")
        assert await shopper_sections(fake_telegram) == ["Caps", "☰ Menu"]
        await admin.press("👁 Show")
        assert await shopper_sections(fake_telegram) == ["Caps", "T-shirts", "☰ Menu"]

        await admin.press("🗑 Delete")
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == (
            "The category holds 1 products. Only an empty category can be deleted: "
            "move or delete its products first."
        )
        assert await Category.count() == 2
        await admin.press("⬅ Categories")
        await admin.press("Caps (0)")
        await admin.press("🗑 Delete")
        assert labels(admin.last_message)[:2] == ["T-shirts (1)", "➕ New category"]
        assert await Category.count() == 1

        actions = [row["action"] for row in await AuditLog.select(AuditLog.action)]
        assert [a for a in actions if a.startswith("category.")] == [
            "category.create",
            "category.create",
            "category.move",
            "category.rename",
            "category.hide",
            "category.show",
            "category.delete",
        ]
