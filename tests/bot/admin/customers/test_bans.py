"""Banning: the banned customer is told once and then ignored; unbanning tells them
nothing; admins and superadmins cannot be banned. Each change is audited."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog, add_admin
from models.users import get_user
from tests.bot.admin.customers.helpers import (
    GALINA,
    audit_rows,
    english_admin,
    find,
    galina_with_an_order,
)
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import SUPERADMIN, running_bot

BANNED_RU = "Доступ к магазину для вас закрыт. Если это ошибка, напишите нам."


async def is_banned(telegram_id: int) -> bool:
    user = await get_user(telegram_id)
    assert user is not None
    return bool(user.is_banned)


async def test_a_banned_customer_is_told_once_and_ignored_and_unbanning_tells_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        galina = await galina_with_an_order(fake_telegram)
        admin = english_admin(fake_telegram)
        await find(admin, "@Galina_K")

        await admin.press("🚫 Ban")
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "The customer is banned"
        assert "Status: 🚫 banned" in admin.last_message.text
        assert admin.last_message.button("✅ Unban") is not None
        assert await is_banned(GALINA)

        [notice] = await galina.send("/start")
        assert notice.text == BANNED_RU
        assert await galina.send("Hello?") == []
        assert await galina.send("/start") == []

        shown = len(galina.messages)
        await admin.press("✅ Unban")
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "The customer is unbanned"
        assert not await is_banned(GALINA)
        assert len(galina.messages) == shown  # unbanning tells her nothing
        replies = await galina.send("/start")
        assert replies and all(reply.text != BANNED_RU for reply in replies)

        assert await audit_rows() == [
            (
                ENGLISH_ADMIN,
                "customer.ban",
                str(GALINA),
                {"before": {"banned": False}, "after": {"banned": True}},
            ),
            (
                ENGLISH_ADMIN,
                "customer.unban",
                str(GALINA),
                {"before": {"banned": True}, "after": {"banned": False}},
            ),
        ]
    fake_telegram.assert_no_handler_errors()


async def test_an_admin_cannot_ban_an_admin_or_a_superadmin(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        added = fake_telegram.user(7300, lang="en", first_name="Added")
        await fake_telegram.user(SUPERADMIN, lang="en").send("/start")
        await added.send("/start")
        await add_admin(7300, added_by=SUPERADMIN)
        admin = english_admin(fake_telegram)
        await admin.send("/start")
        audit_before = await AuditLog.count()

        for target in (SUPERADMIN, 7300, ENGLISH_ADMIN):
            [screen] = await find(admin, str(target))
            assert "🛡 An admin of the shop" in screen.text
            assert screen.button("🚫 Ban") is None
            # What a replayed or tampered button would send: refused on the server.
            await admin.press_forged(forged(settings, ENGLISH_ADMIN, "cu.ban", target, 1))
            assert admin.last_answer is not None
            assert admin.last_answer.answer_text == "Admins and superadmins cannot be banned."
            assert not await is_banned(target)
        assert await AuditLog.count() == audit_before
    fake_telegram.assert_no_handler_errors()
