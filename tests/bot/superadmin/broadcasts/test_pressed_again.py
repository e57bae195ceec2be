"""Pressing the option a screen already shows (Telegram answers MESSAGE_NOT_MODIFIED to an
edit that changes nothing) is not an error: the press is answered and nothing changes."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from tests.bot.superadmin.broadcasts.helpers import add_users
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = pytest.mark.postgres


async def test_the_chosen_audience_pressed_again_is_answered_and_changes_nothing(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(postgres_database), tg):
        await add_users(tg, [301, 302])
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        await admin.send("/superadmin")
        await admin.press("📣 Broadcast")
        await admin.press("✍️ New broadcast")
        await admin.send("Spring sale")
        await admin.press("No button")
        screen = admin.last_message
        shown = (screen.text, screen.buttons, len(screen.edits))
        assert "✓ 👥 All reachable" in screen.buttons[0]

        await admin.press("✓ 👥 All reachable", message=screen)
        await admin.press("✓ 👥 All reachable", message=screen)

        assert [answer.answer_text for answer in admin.answers[-2:]] == [None, None]
        again = admin.last_message
        assert again.id == screen.id
        assert (again.text, again.buttons, len(again.edits)) == shown
        assert tg.take_handler_errors() == []


async def test_a_double_tap_on_a_menu_button_is_answered_and_changes_nothing(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(postgres_database), tg):
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        await admin.send("/superadmin")
        panel = admin.last_message
        for label in ("📣 Broadcast", "📜 History", "« Back"):
            button = panel.button(label)
            assert button is not None and button.data is not None
            # The second tap arrives after the first one's edit: it asks for the screen
            # the message already shows.
            await admin.press_forged(button.data, message=panel)
            await admin.press_forged(button.data, message=panel)

        assert [answer.answer_text for answer in admin.answers] == [None] * 6
        assert panel.buttons == [["✍️ New broadcast"], ["📜 History"], ["« Back"]]
        assert tg.take_handler_errors() == []
