"""Names from Telegram profiles are stored cleaned of control characters and cut to fit:
a NUL byte or a bidi override in a first name never locks the user out."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.users import get_user
from tests.fixtures.app import bot_settings, running_bot


async def test_a_user_with_control_characters_in_the_profile_is_served_and_stored_clean(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        ivan = fake_telegram.user(
            2601,
            lang="en",
            first_name="Iv\x00an\u202e\x07",
            last_name="Pe\ttrov\x1b[31m" + "v" * 300,
            username="ivan\x00",
        )
        # The first update of a user the shop has not seen records them (update reader).
        await ivan.send("hello")
        [welcome] = await ivan.send("/start")

        assert welcome.text.startswith("Hello, Ivan!")
        stored = await get_user(ivan.id)
        assert stored is not None
        assert stored.first_name == "Ivan"
        assert stored.last_name == ("Pe trov[31m" + "v" * 300)[:255]
        assert stored.username == "ivan"
