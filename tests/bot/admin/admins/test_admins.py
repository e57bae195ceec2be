"""Superadmins manage admins: add one by a forwarded message, a Telegram id or an
@username; the new admin gets `/admin` and the next new order's card at once; removing
takes both away at once; env-listed admins cannot be removed. Each change is audited."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import is_admin
from tests.bot.admin.channel.helpers import russian_order
from tests.bot.admin.customers.helpers import audit_rows
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    admin_card,
    order_of,
    shop_settings,
    stock_one_product,
)
from tests.bot.shop.shop import forged
from tests.fixtures.app import SUPERADMIN, running_bot

ASK = (
    "Forward any message from this person here, or send their Telegram id, or their "
    "@username (if they have started the bot)."
)
ADDED = {"before": {"admin": False}, "after": {"admin": True}}
REMOVED = {"before": {"admin": True}, "after": {"admin": False}}


async def admins_section(tg: FakeTelegram) -> SimulatedUser:
    boss = tg.user(SUPERADMIN, lang="en", first_name="Boss")
    await boss.send("/start")
    await boss.send("/admin")
    await boss.press("🛡 Admins")
    return boss


async def test_a_superadmin_adds_admins_who_get_order_cards_and_admin_at_once(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        dave = fake_telegram.user(7100, lang="en", first_name="Dave")
        erin = fake_telegram.user(7200, lang="en", first_name="Erin")
        fred = fake_telegram.user(7300, lang="en", first_name="Fred", username="fred_ops")
        for person in (dave, erin, fred):
            await person.send("/start")
        [refused] = await dave.send("/admin")
        assert refused.text == "This action is not available to you."
        boss = await admins_section(fake_telegram)
        listing = boss.last_message.text
        assert "👑 Boss · 900001 — superadmin (SUPERADMIN_IDS)" in listing
        # The bot has not met this env-listed admin yet: the id alone names him.
        assert f"🔒 {ENGLISH_ADMIN} — from the settings (ADMIN_IDS)" in listing
        assert boss.last_message.buttons == [["➕ Add an admin"], ["⬅ Management menu"]]

        # By a forwarded message; one whose sender hides behind privacy is explained.
        await boss.press("➕ Add an admin")
        assert boss.last_message.text == ASK
        [hidden] = await boss.forward("hi", hidden_name="Someone")
        assert hidden.text.startswith("This person's privacy settings hide who they are")
        replies = await boss.forward("hi from Dave", from_user=dave.id)
        assert replies[-1].text.startswith("✅ Dave · 7100 is now an admin.\n\nThe shop's admins:")
        assert "🛡 Dave · 7100 — added in the bot" in replies[-1].text
        welcome = await dave.expect_message()
        assert welcome.text == "You are now an admin of the shop. The management menu: /admin"
        # By a typed id, and by the @username of someone who started the bot.
        await boss.press("➕ Add an admin")
        await boss.send("7200")
        await boss.press("➕ Add an admin")
        replies = await boss.send("@Fred_Ops")
        assert "🛡 Fred @fred_ops · 7300 — added in the bot" in replies[-1].text
        await boss.press("➕ Add an admin")
        [again] = await boss.send("7100")
        assert again.text == f"They are already an admin.\n\n{ASK}"
        [env] = await boss.send(str(ENGLISH_ADMIN))
        assert env.text.startswith("They are already an admin from the settings")
        await boss.press("✖ Cancel")

        [menu] = await dave.send("/admin")
        assert menu.text == "Shop management"
        assert menu.button("🛡 Admins") is None  # superadmins only
        galina = await russian_order(fake_telegram, await stock_one_product())
        order = await order_of(galina)
        for person in (dave, erin, fred):
            await admin_card(fake_telegram, person.id, f"🆕 New order #{order.id}")

        assert await audit_rows() == [
            (SUPERADMIN, "admin.add", "7100", ADDED),
            (SUPERADMIN, "admin.add", "7200", ADDED),
            (SUPERADMIN, "admin.add", "7300", ADDED),
        ]
    fake_telegram.assert_no_handler_errors()


async def test_removing_an_admin_takes_cards_and_admin_away_and_env_admins_stay(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        dave = fake_telegram.user(7100, lang="en", first_name="Dave")
        await dave.send("/start")
        await fake_telegram.user(ENGLISH_ADMIN, lang="en").send("/start")
        boss = await admins_section(fake_telegram)
        await boss.press("➕ Add an admin")
        await boss.send("7100")
        await dave.send("/admin")
        await dave.press("🗂 Catalogue")
        await dave.press("➕ New category")  # a conversation left open

        await boss.press("🗑 Remove Dave · 7100")
        assert boss.last_answer is not None
        assert boss.last_answer.answer_text == "The admin is removed"
        assert "Dave" not in boss.last_message.text
        assert not await is_admin(7100)

        [refused] = await dave.send("/admin")
        assert refused.text == "This action is not available to you."
        replies = await dave.send("Shoes")  # his old conversation is over: a shopper's text
        assert all(reply.text != "This action is not available to you." for reply in replies)
        galina = await russian_order(fake_telegram, await stock_one_product())
        order = await order_of(galina)
        await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        assert all("New order" not in message.text for message in dave.messages)

        # Env-listed admins have no Remove button, and a forged one is refused.
        for env_admin in (ENGLISH_ADMIN, SUPERADMIN):
            await boss.press_forged(forged(settings, SUPERADMIN, "adm.rm", env_admin))
            assert boss.last_answer is not None
            assert boss.last_answer.answer_text.startswith(
                "Admins from the settings (ADMIN_IDS, SUPERADMIN_IDS) are changed only"
            )
        replies = await fake_telegram.user(ENGLISH_ADMIN).send("/admin")  # after the card
        assert replies[-1].text == "Shop management"

        assert await audit_rows() == [
            (SUPERADMIN, "admin.add", "7100", ADDED),
            (SUPERADMIN, "admin.remove", "7100", REMOVED),
        ]
    fake_telegram.assert_no_handler_errors()
