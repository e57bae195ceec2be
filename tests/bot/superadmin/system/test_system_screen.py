"""`/superadmin` -> System: live figures, Refresh, a test alert to every superadmin; only
superadmins may open it or press its buttons (forged or replayed ones included)."""

from __future__ import annotations

import anyio

from actors.app import CHILD_IDS
from actors.updates.reader import callback_secret
from bot.callbacks import CallbackCodec
from bot.superadmin.system.actions import MENU, TEST_ALERT
from bot.texts import text
from config import Settings
from fake_telegram import BotMessage, FakeTelegram
from models.users import set_banned
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot, statuses_of

SECOND_SUPERADMIN = 900_002
ADMIN = 900_010
SHOPPER = 900_020
BANNED = 900_030


def alert_in(tg: FakeTelegram, chat_id: int) -> BotMessage | None:
    for message in tg.messages_in(chat_id):
        if "Test alert from superadmin" in message.text:
            return message
    return None


async def wait_for_alert(tg: FakeTelegram, chat_id: int) -> BotMessage:
    def found() -> BotMessage | None:
        return alert_in(tg, chat_id)

    with anyio.fail_after(10):
        return await tg.wait_for_chat(tg.bot_id, chat_id, found, what="the test alert")


async def test_the_system_screen_shows_every_actor_and_the_figures_and_refreshes(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(database), tg):
        owner = tg.user(SUPERADMIN, lang="en")
        await owner.send("/superadmin")
        await owner.press("🖥 System")
        screen = owner.last_message.text
        for actor in CHILD_IDS:
            assert f"• {actor}: running · 0 · " in screen
        assert "Up 0m" in screen and "version 0.1.0" in screen
        assert "Database: up" in screen and "Cache: memory: up" in screen
        assert "Database connections in use:" in screen and "Memory (RSS):" in screen
        assert "MB" in screen and "Flood waits: none" in screen

        await owner.press("🔄 Refresh")
        assert "• update_reader: running" in owner.last_message.text
        tg.assert_no_handler_errors()


async def test_the_test_alert_reaches_every_superadmin(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    settings = bot_settings(database, superadmin_ids=[SUPERADMIN, SECOND_SUPERADMIN])
    tg.user(SECOND_SUPERADMIN)
    async with running_bot(settings, tg):
        owner = tg.user(SUPERADMIN, lang="en")
        await owner.send("/superadmin")
        await owner.press("🖥 System")
        await owner.press("🔔 Send test alert")
        answer = owner.last_answer
        assert answer is not None and answer.answer_text == text("system.test_sent", "en")
        for chat_id in (SUPERADMIN, SECOND_SUPERADMIN):
            alert = await wait_for_alert(tg, chat_id)
            assert "INFO · system" in alert.text and "time: " in alert.text


async def test_admins_shoppers_and_banned_users_cannot_open_system_nor_press_its_buttons(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    settings = bot_settings(database, admin_ids=[ADMIN])
    async with running_bot(settings, tg) as bot:
        codec = CallbackCodec(callback_secret(settings))  # what a tampered client can send
        for user_id in (ADMIN, SHOPPER, BANNED):
            person = tg.user(user_id, lang="en")
            await person.send("/start")
            if user_id == BANNED:
                await set_banned(statuses_of(bot), BANNED, True)
            for action in (MENU, TEST_ALERT):
                await person.press_forged(codec.encode(user_id, action).encode())
                answer = person.last_answer
                assert answer is not None
                if user_id == BANNED:  # the ban notice once, then a silent answer
                    assert answer.answer_text in (text("banned", "en"), None, "")
                else:
                    assert answer.answer_text == text("not_allowed", "en")
                # The superadmin's own button data, replayed by someone else, is stale.
                await person.press_forged(codec.encode(SUPERADMIN, action).encode())
            assert all("🖥 System" not in message.text for message in person.messages)
        assert alert_in(tg, SUPERADMIN) is None
        tg.assert_no_handler_errors()
