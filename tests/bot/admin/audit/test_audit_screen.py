"""`/admin` -> Audit log for superadmins: newest first, paged, filtered by admin; nobody
else can read it, even with replayed or forged buttons."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import AuditLog, record_audit
from models.users import set_banned
from tests.bot.admin.catalogue.helpers import create_category, english_admin
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import SUPERADMIN, running_bot, statuses_of

NOT_ALLOWED = "This action is not available to you."


async def audit_screen(tg: FakeTelegram) -> SimulatedUser:
    superadmin = tg.user(SUPERADMIN, lang="en", first_name="Sue")
    await superadmin.send("/admin")
    await superadmin.press("🧾 Audit log")
    return superadmin


async def test_rows_written_by_catalogue_actions_appear_newest_first(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await admin.send("/admin")
        await admin.press("🗂 Catalogue")
        await create_category(admin, "Hoodies")

        superadmin = await audit_screen(fake_telegram)

        screen = superadmin.last_message.text
        assert screen.startswith("🧾 Audit log: every admin. Page 1 of 1 (2 rows).")
        assert screen.count(f"Ann ({ENGLISH_ADMIN})") == 2
        assert screen.index("— → Hoodies") < screen.index("— → Tees")
        assert "category.create" in screen
    fake_telegram.assert_no_handler_errors()


async def test_the_log_pages_and_filters_by_admin(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        await fake_telegram.user(ENGLISH_ADMIN).send("/start")
        for number in range(1, 24):
            actor = ENGLISH_ADMIN if number % 2 else 555
            await record_audit(actor, "product.title", str(number), {"before": "a", "after": "b"})

        superadmin = await audit_screen(fake_telegram)
        first = superadmin.last_message.text
        assert first.startswith("🧾 Audit log: every admin. Page 1 of 3 (23 rows).")
        assert first.count("🕒") == 10 and "product.title · 23" in first
        assert "Newer" not in str(superadmin.last_message.buttons)
        await superadmin.press("Older ›")
        await superadmin.press("Older ›")
        last = superadmin.last_message.text
        assert last.startswith("🧾 Audit log: every admin. Page 3 of 3 (23 rows).")
        assert last.count("🕒") == 3 and "product.title · 1\n" in last
        assert "Older ›" not in str(superadmin.last_message.buttons)

        await superadmin.press("👤 Filter by admin")
        assert superadmin.last_message.buttons == [
            ["every admin"],
            [f"Ann ({ENGLISH_ADMIN})", "555"],  # the most recent first
            ["« Back to the log"],
        ]
        await superadmin.press(f"Ann ({ENGLISH_ADMIN})")
        anns = superadmin.last_message.text
        assert anns.startswith(f"🧾 Audit log: Ann ({ENGLISH_ADMIN}). Page 1 of 2 (12 rows).")
        assert anns.count(f"Ann ({ENGLISH_ADMIN})") == 11  # the title and ten rows
        assert "555" not in anns
        await superadmin.press("Older ›")
        assert superadmin.last_message.text.count("🕒") == 2
    fake_telegram.assert_no_handler_errors()


async def test_admins_shoppers_and_banned_users_cannot_read_the_log(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram) as bot:
        await record_audit(ENGLISH_ADMIN, "category.create", "1", {"after": "Tees"})
        superadmin = await audit_screen(fake_telegram)
        replayed = superadmin.last_message.button("👤 Filter by admin")
        assert replayed is not None and replayed.data is not None

        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        [menu] = await admin.send("/admin")
        assert "🧾 Audit log" not in str(menu.buttons)
        shopper = fake_telegram.user(7_001, lang="en", first_name="Mallory")
        banned = fake_telegram.user(7_002, lang="en", first_name="Ben")
        await shopper.send("/start")
        await banned.send("/start")
        assert await set_banned(statuses_of(bot), banned.id, True)
        before = await AuditLog.select().order_by(AuditLog.id)
        for intruder in (admin, shopper, banned):
            for action, args in (("audit", ()), ("audit.pg", (0, 0)), ("audit.who", ())):
                await intruder.press_forged(forged(settings, intruder.id, action, *args))
                assert intruder.last_answer is not None
                if intruder is not banned:  # the banned are told once, then answered silently
                    assert intruder.last_answer.answer_text == NOT_ALLOWED, (intruder.id, action)
                assert "Audit log" not in intruder.last_message.text
            await intruder.press_forged(replayed.data)
            assert intruder.last_answer is not None
            if intruder is not banned:
                assert str(intruder.last_answer.answer_text).startswith("This button is out of")
            assert not any("Audit log" in message.text for message in intruder.messages)
        assert await AuditLog.select().order_by(AuditLog.id) == before
    fake_telegram.assert_no_handler_errors()
