"""What goes wrong around the channel is a clear message, never a crash: no CHANNEL_ID,
a channel where Telegram does not let the bot post. And only admins publish: anyone
else pressing a channel button (replayed or forged) changes nothing."""

from __future__ import annotations

import pytest

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.channel_posts import ChannelPost
from tests.bot.admin.channel.helpers import channel_screen, posts
from tests.bot.checkout.shop import shop_settings
from tests.bot.shop.shop import add_category, add_product, forged
from tests.fixtures.app import running_bot

REFUSED = (
    "Telegram did not let the bot publish or change the post ({reason}). Add the bot "
    "to the channel as an admin allowed to post and delete messages, and check CHANNEL_ID."
)


async def test_without_channel_id_publishing_says_how_to_set_it_up(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        await add_product(await add_category("Tees"), "Basic tee")
        admin = await channel_screen(fake_telegram)

        replies = await admin.press("📢 Basic tee")

        assert [reply.text for reply in replies] == [
            "No channel is set up: set CHANNEL_ID (and CHANNEL_THREAD_ID for a forum topic) "
            "in the bot's settings and restart it."
        ]
        assert await ChannelPost.count() == 0
        assert await AuditLog.count() == 0
    fake_telegram.assert_no_handler_errors()


@pytest.mark.parametrize(
    "reason", ["CHAT_WRITE_FORBIDDEN", "CHAT_ADMIN_REQUIRED", "CHANNEL_PRIVATE"]
)
async def test_a_channel_that_refuses_the_bot_is_explained_and_nothing_is_stored(
    sqlite_database: Settings, fake_telegram: FakeTelegram, reason: str
) -> None:
    # CHAT_WRITE_FORBIDDEN is what the fake answers by itself when the bot is no admin
    # of a broadcast channel; the others are injected as Telegram would answer them.
    bot_is_admin = reason != "CHAT_WRITE_FORBIDDEN"
    channel = fake_telegram.add_channel("Shop", bot_is_admin=bot_is_admin)
    if bot_is_admin:
        fake_telegram.fail("messages.SendMessage", reason, peer=channel.chat_id, times=None)
    settings = shop_settings(sqlite_database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        await add_product(await add_category("Tees"), "Basic tee")
        admin = await channel_screen(fake_telegram)

        replies = await admin.press("📢 Basic tee")

        assert [reply.text for reply in replies] == [REFUSED.format(reason=reason)]
        assert admin.last_answer is not None and admin.last_answer.answer_text is None
        assert posts(fake_telegram, channel.chat_id) == []
        assert await ChannelPost.count() == 0
        assert await AuditLog.count() == 0
    fake_telegram.assert_no_handler_errors()


async def test_non_admins_pressing_channel_buttons_change_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    channel = fake_telegram.add_channel("Shop")
    settings = shop_settings(database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        tee = await add_product(await add_category("Tees"), "Basic tee")
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Basic tee")
        [post] = posts(fake_telegram, channel.chat_id)

        mallory = fake_telegram.user(7001, lang="en", first_name="Mallory")
        await mallory.send("/start")
        [reply] = await mallory.send("/admin")
        assert reply.text == "This action is not available to you."
        for action, args in [
            ("ch", ()),
            ("ch.page", (0,)),
            ("ch.pub", (tee.id, 0)),
            ("ch.unpub", (tee.id, 0)),
        ]:
            # Well signed for her: what a replayed or tampered button of hers can send.
            await mallory.press_forged(forged(settings, mallory.id, action, *args))
            assert mallory.last_answer is not None
            assert mallory.last_answer.answer_text == "This action is not available to you."
        # The admin's own button, replayed from another account, is not even hers.
        button = admin.last_message.button("🗑 Basic tee (published)")
        assert button is not None and button.data is not None
        await mallory.press_forged(button.data)
        assert mallory.last_answer is not None
        assert mallory.last_answer.answer_text == (
            "This button is out of date. Open the menu again: /start"
        )

        assert [message.id for message in posts(fake_telegram, channel.chat_id)] == [post.id]
        assert not post.deleted and not post.edited
        assert await ChannelPost.count() == 1
        assert [row["action"] for row in await AuditLog.select(AuditLog.action)] == [
            "channel.publish"
        ]
    fake_telegram.assert_no_handler_errors()
