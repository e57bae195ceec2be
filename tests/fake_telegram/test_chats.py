"""Editing, deleting, reading messages; the shop channel and forum topics."""

from __future__ import annotations

import pytest
from pyrogram.errors import MessageAuthorRequired, MessageIdInvalid, MessageNotModified
from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from fake_telegram import FakeTelegram
from tests.fake_telegram.helpers import present, running

BUY = InlineKeyboardMarkup([[InlineKeyboardButton("Купить", callback_data="buy:1")]])


async def test_edit_delete_and_get(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42)
    async with running(fake_telegram.make_client()) as client:
        sent = present(await client.send_message(42, "Корзина: 1 товар", reply_markup=BUY))
        assert sent.reply_markup is not None

        with pytest.raises(MessageNotModified):
            await client.edit_message_text(42, sent.id, "Корзина: 1 товар", reply_markup=BUY)

        edited = await client.edit_message_text(42, sent.id, "Корзина: 2 товара")
        assert edited.text == "Корзина: 2 товара"
        assert alice.last_message.buttons == []  # no reply_markup on edit removes it

        await client.edit_message_reply_markup(42, sent.id, reply_markup=BUY)
        assert alice.last_message.buttons == [["Купить"]]
        assert len(alice.last_message.edits) == 2

        fetched = present(await client.get_messages(42, sent.id))
        assert fetched.text == "Корзина: 2 товара"

        await alice.send("привет", wait=None)
        incoming = alice.history[-1]
        with pytest.raises(MessageAuthorRequired):
            await client.edit_message_text(42, incoming.id, "чужое")

        assert await client.delete_messages(42, sent.id) == 1
        assert alice.messages == []
        with pytest.raises(MessageIdInvalid):
            await client.edit_message_text(42, sent.id, "поздно")


async def test_channel_posts_and_forum_topics(fake_telegram: FakeTelegram) -> None:
    channel = fake_telegram.add_channel("Shop", username="shop_channel")
    forum = fake_telegram.add_channel("Shop admins", broadcast=False, forum=True)
    orders_topic = fake_telegram.add_forum_topic(forum.chat_id, "Orders")
    async with running(fake_telegram.make_client()) as client:
        chat = present(await client.get_chat(channel.chat_id))
        assert chat.title == "Shop"
        assert present(await client.get_chat("shop_channel")).id == channel.chat_id

        post = present(await client.send_message(channel.chat_id, "Новинка!", reply_markup=BUY))
        assert present(post.chat).id == channel.chat_id
        assert post.id == 1

        note = present(
            await client.send_message(forum.chat_id, "Заказ #1", message_thread_id=orders_topic)
        )
        assert note.message_thread_id == orders_topic

        fetched = present(await client.get_messages(channel.chat_id, post.id))
        assert fetched.text == "Новинка!"
        await client.edit_message_text(channel.chat_id, post.id, "Новинка! Скидка")
        assert await client.delete_messages(forum.chat_id, note.id) == 1

    posts = fake_telegram.messages_in(channel.chat_id)
    assert [p.text for p in posts] == ["Новинка! Скидка"]
    assert fake_telegram.messages_in(forum.chat_id) == []


async def test_press_a_button_on_a_channel_post(fake_telegram: FakeTelegram) -> None:
    from pyrogram import Client
    from pyrogram.handlers import CallbackQueryHandler
    from pyrogram.types import CallbackQuery

    channel = fake_telegram.add_channel("Shop")
    presses: list[CallbackQuery] = []
    client = fake_telegram.make_client()

    async def buy(_client: Client, query: CallbackQuery) -> None:
        presses.append(query)
        await query.answer("Добавлено в корзину", show_alert=True)

    client.add_handler(CallbackQueryHandler(buy))
    fake_telegram.install_observer(client)
    alice = fake_telegram.user(42)
    async with running(client):
        await client.send_message(channel.chat_id, "Футболка", reply_markup=BUY)
        post = fake_telegram.messages_in(channel.chat_id)[-1]
        await alice.press("Купить", message=post)
    assert presses[0].data == "buy:1"
    assert presses[0].message is not None
    assert present(presses[0].message.chat).id == channel.chat_id
    answer = alice.last_answer
    assert answer is not None
    assert answer.alert
    assert answer.answer_text == "Добавлено в корзину"
