"""Composing in /superadmin: formatting, a photo, a URL button, a segment, the preview
and the count, Confirm / Cancel; the draft survives a restart; a double press sends once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pyrogram.raw.types.message_entity_bold import MessageEntityBold

from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from fake_telegram.views import BotMessage
from models.broadcasts import FINISHED, Broadcast, get_broadcast
from models.clock import utcnow
from models.orders import Order
from models.users import get_user
from tests.bot.superadmin.broadcasts.helpers import add_users, received, wait_for_status
from tests.fake_telegram.helpers import tiny_png
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

pytestmark = pytest.mark.postgres


async def send_formatted(tg: FakeTelegram, user: SimulatedUser, text: str, *, photo: bool) -> None:
    """What a Telegram app sends for a message whose first word is bold (a photo's caption
    when `photo`)."""
    media = None
    if photo:
        stored = tg.world.store_file(
            tiny_png(8, 8), kind="photo", name="p.png", mime_type="image/png"
        )
        media = tg.render.media(stored)
    bold = MessageEntityBold(offset=0, length=len(text.split(maxsplit=1)[0]))
    message, updates = tg.inbound.message(
        tg.bot_id, user.id, text=text, media=media, entities=[bold]
    )
    key = (message.chat_id, message.id)
    tg.expect_handled(key)
    await tg.push(updates)
    await tg.wait_handled(key)


def is_the_broadcast(message: BotMessage) -> bool:
    bold = [e for e in message.stored.entities if isinstance(e, MessageEntityBold)]
    return (
        message.media_kind == "photo"
        and message.text == "Weekend sale for our customers"
        and [(e.offset, e.length) for e in bold] == [(0, 7)]
        and message.button_rows == [[message.button_rows[0][0]]]
        and message.button_rows[0][0].url == "https://shop.example/sale"
    )


async def test_a_formatted_photo_with_a_button_to_a_segment_previewed_counted_and_sent(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    now = utcnow()
    async with running_bot(bot_settings(postgres_database), tg):
        await add_users(tg, [101, 102, 103], language="ru", last_active_at=now)
        await add_users(tg, [104], language="ru", last_active_at=now - timedelta(days=40))
        await add_users(tg, [105, 106], language="en", last_active_at=now)
        for telegram_id in (101, 104, 105):
            user = await get_user(telegram_id)
            assert user is not None
            await Order.raw(
                "INSERT INTO orders (user_id, status, customer_name, phone, delivery_method,"
                " address, comment, total, currency, created_at, updated_at, announced_at)"
                " VALUES ({}, 'new', 'A', '+7', 'pickup', '', '', 100, 'RUB', {}, {}, {})",
                user.id,
                now,
                now,
                now,  # past orders, told about long ago: the order processor leaves them
            ).run()
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        await admin.send("/superadmin")
        assert admin.last_message.buttons == [["📣 Broadcast"], ["📊 Statistics"], ["🖥 System"]]
        await admin.press("📣 Broadcast")
        await admin.press("✍️ New broadcast")
        await send_formatted(tg, admin, "Weekend sale for our customers", photo=True)
        assert "Add a link button?" in admin.last_message.text
        await admin.send("Open the sale | ftp://nope")
        assert "could not read the button" in admin.last_message.text
        await admin.send("Open the sale | https://shop.example/sale")
        assert "Now: all reachable users\nRecipients: 7" in admin.last_message.text

        await admin.press("🛍 Have ordered")
        assert "Now: have ordered\nRecipients: 3" in admin.last_message.text
        await admin.send("30")  # typed: active in the last 30 days
        assert "Now: active in the last 30 d, have ordered\nRecipients: 2" in (
            admin.last_message.text
        )
        await admin.press("🌐 Language: any")
        assert "language RU\nRecipients: 1" in admin.last_message.text
        await admin.press("🌐 Language: RU")  # -> EN
        await admin.press("Preview ▶️")
        preview, summary = admin.messages[-2], admin.messages[-1]
        assert is_the_broadcast(preview)
        assert "Audience: active in the last 30 d, have ordered, language EN" in summary.text
        assert "Recipients: 1" in summary.text

        await admin.press("✅ Send")
        rows = await Broadcast.select(Broadcast.id).run()
        broadcast_id = int(rows[0]["id"])
        await wait_for_status(broadcast_id, FINISHED, timeout=10)
        assert [m for m in tg.user(105).messages if is_the_broadcast(m)]
        for other in (101, 102, 103, 104, 106):
            assert not tg.user(other).messages
        broadcast = await get_broadcast(broadcast_id)
        assert broadcast is not None and (broadcast.total, broadcast.sent) == (1, 1)
        assert broadcast.text == "<b>Weekend</b> sale for our customers"


async def test_the_draft_survives_a_restart_and_a_double_confirm_sends_once(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    settings = bot_settings(postgres_database)
    admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
    async with running_bot(settings, tg):
        await add_users(tg, [201, 202])
        await admin.send("/superadmin")
        await admin.press("📣 Broadcast")
        await admin.press("✍️ New broadcast")
        await admin.send("Hello after the restart")
    async with running_bot(settings, tg):  # a new process, the same database
        await admin.press("No button")
        await admin.press("Preview ▶️")
        summary = admin.last_message
        await admin.press("✅ Send", message=summary)
        await admin.press("✅ Send", message=summary)  # a double press
        answer = admin.last_answer
        assert (
            answer is not None and answer.answer_text == "This draft was already sent or cancelled."
        )
        rows = await Broadcast.select(Broadcast.id).run()
        assert len(rows) == 1
        await wait_for_status(int(rows[0]["id"]), FINISHED, timeout=10)
    for user_id in (201, 202):
        assert len(received(tg, user_id, "Hello after the restart")) == 1


async def test_cancel_while_composing_sends_nothing_and_an_empty_audience_is_refused(
    postgres_database: Settings, fake_telegram: FakeTelegram
) -> None:
    tg = fake_telegram
    async with running_bot(bot_settings(postgres_database), tg):
        await add_users(tg, [301], language="ru")
        admin = tg.user(SUPERADMIN, lang="en", first_name="Owner")
        await admin.send("/superadmin")
        await admin.press("📣 Broadcast")
        await admin.press("✍️ New broadcast")
        await admin.send("x" * 4097)
        assert admin.last_message.text.startswith("Too long: 4097 characters, at most 4096")
        await admin.send("Only for English speakers")
        await admin.press("No button")
        await admin.press("🌐 Language: any")  # RU: 301 and the superadmin? (en)
        await admin.press("🌐 Language: RU")  # EN: only the superadmin
        await admin.press("🌐 Language: EN")  # any again
        await admin.press("🛍 Have ordered")  # nobody has
        await admin.press("Preview ▶️")
        answer = admin.last_answer
        assert (
            answer is not None
            and answer.answer_text == "Nobody to send to: choose another audience."
        )
        await admin.press("✖️ Cancel")
        assert admin.last_message.text == "Broadcast cancelled; nothing was sent."
        assert await Broadcast.count() == 0
        await admin.send("Just chatting")  # no draft: not taken as a broadcast
        assert await Broadcast.count() == 0
    assert not tg.user(301).messages
