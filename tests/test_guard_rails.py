"""Guard rails every update passes: flood guard, ban, undecodable callback data."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from models.users import set_banned
from tests.fixtures.app import bot_settings, running_bot, statuses_of

SLOW_DOWN_EN = "Too many messages at once. Please wait a couple of seconds."
BANNED_RU = "Доступ к магазину для вас закрыт. Если это ошибка, напишите нам."
STALE_EN = "This button is out of date. Open the menu again: /start"


async def test_a_flood_of_messages_gets_one_slow_down_not_a_reply_each(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    # One token per 5 s: the 30 sends take well under that even on a loaded machine (at
    # 2 per second a refill mid-flood was a second slow-down: a test of the clock).
    settings = bot_settings(database).model_copy(update={"flood_rate": 0.2, "flood_burst": 8})
    async with running_bot(settings, fake_telegram):
        dave = fake_telegram.user(2001, lang="en", first_name="Dave")

        for _ in range(30):
            await dave.send("/start")

        texts = [message.text for message in dave.messages]
        assert texts.count(SLOW_DOWN_EN) == 1
        assert len(texts) < 30
        assert any(text.startswith("Hello, Dave!") for text in texts)
        assert texts.index(SLOW_DOWN_EN) > 0  # the first updates were answered normally


async def test_a_banned_user_gets_one_message_saying_so_and_nothing_else(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram) as bot:
        erin = fake_telegram.user(2002, lang="ru", first_name="Эрин")
        await erin.send("/start")
        before = len(erin.messages)
        await set_banned(statuses_of(bot), 2002, True)

        await erin.send("/start")
        await erin.send("привет")
        await erin.send("/start")

        after = [message.text for message in erin.messages[before:]]
        assert after == [BANNED_RU]


async def test_forged_or_malformed_callback_data_gets_a_short_answer_and_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        frank = fake_telegram.user(2003, lang="en", first_name="Frank")
        await frank.send("/start")
        messages_before = [(m.id, m.text, m.buttons) for m in frank.messages]

        for forged in (b"1:cart.rm:1:AAAAAAAA", b"garbage", b"\xff\xfe", b"1:admin.ban:5"):
            await frank.press_forged(forged)
            answer = frank.last_answer
            assert answer is not None and answer.answer_text == STALE_EN

        assert [(m.id, m.text, m.buttons) for m in frank.messages] == messages_before
