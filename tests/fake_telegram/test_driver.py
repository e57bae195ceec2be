"""The scenario driver: people using a tiny real Kurigram bot, synchronised by events."""

from __future__ import annotations

import pytest
from pyrogram import Client, filters
from pyrogram.handlers import CallbackQueryHandler, MessageHandler
from pyrogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
)

from fake_telegram import FakeTelegram
from tests.fake_telegram.helpers import present, running

CATALOG = InlineKeyboardMarkup([[InlineKeyboardButton("Каталог", callback_data="catalog")]])
BACK = InlineKeyboardMarkup([[InlineKeyboardButton("Назад", callback_data="back")]])


def shop_bot(tg: FakeTelegram, seen: list[Message | CallbackQuery]) -> Client:
    client = tg.make_client()

    async def start(_client: Client, message: Message) -> None:
        seen.append(message)
        await message.reply("Добро пожаловать!", reply_markup=CATALOG)

    async def pressed(_client: Client, query: CallbackQuery) -> None:
        seen.append(query)
        await query.answer("Открываю")
        assert query.message is not None
        await query.message.edit_text("Каталог: футболки", reply_markup=BACK)

    client.add_handler(MessageHandler(start, filters.command("start")))
    client.add_handler(CallbackQueryHandler(pressed, filters.regex("^catalog$")))
    tg.install_observer(client)
    return client


async def test_start_press_and_edit(fake_telegram: FakeTelegram) -> None:
    seen: list[Message | CallbackQuery] = []
    alice = fake_telegram.user(42, lang="ru", first_name="Алиса")
    async with running(shop_bot(fake_telegram, seen)):
        replies = await alice.send("/start p_12")
        assert [m.text for m in replies] == ["Добро пожаловать!"]
        assert alice.last_message.text == "Добро пожаловать!"
        assert alice.last_message.buttons == [["Каталог"]]

        start = seen[0]
        assert isinstance(start, Message)
        assert start.command == ["start", "p_12"]
        sender = present(start.from_user)
        assert sender.language_code == "ru"
        assert sender.first_name == "Алиса"

        assert await alice.press("Каталог") == []  # an edit, not a new message
        assert alice.last_message.text == "Каталог: футболки"
        assert alice.last_message.buttons == [["Назад"]]
        assert alice.last_message.edited
        assert len(alice.messages) == 1
        assert alice.last_answer is not None
        assert alice.last_answer.answer_text == "Открываю"

        query = seen[1]
        assert isinstance(query, CallbackQuery)
        assert query.data == "catalog"
        assert query.from_user.id == 42
        assert query.message is not None
        assert query.message.id == alice.last_message.id
    with pytest.raises(LookupError, match="Каталог"):
        await alice.press("Каталог")


async def test_reply_keyboard_contact(fake_telegram: FakeTelegram) -> None:
    contacts: list[Message] = []
    client = fake_telegram.make_client()

    async def start(_client: Client, message: Message) -> None:
        keyboard = ReplyKeyboardMarkup(
            [[KeyboardButton("Поделиться номером", request_contact=True)], ["Помощь"]],
            resize_keyboard=True,
        )
        await message.reply("Нужен ваш номер", reply_markup=keyboard)

    async def contact(_client: Client, message: Message) -> None:
        contacts.append(message)
        await message.reply("Спасибо!")

    async def help_(_client: Client, message: Message) -> None:
        await message.reply("Напишите нам")

    client.add_handler(MessageHandler(start, filters.command("start")))
    client.add_handler(MessageHandler(contact, filters.contact))
    client.add_handler(MessageHandler(help_, filters.regex("^Помощь$")))
    fake_telegram.install_observer(client)

    bob = fake_telegram.user(50, first_name="Боб", phone="+79990000000")
    async with running(client):
        await bob.send("/start")
        assert bob.last_message.buttons == [["Поделиться номером"], ["Помощь"]]
        assert bob.reply_keyboard is not None

        replies = await bob.press("Поделиться номером")
        assert [m.text for m in replies] == ["Спасибо!"]
        assert contacts[-1].contact is not None
        assert contacts[-1].contact.phone_number == "+79990000000"
        assert contacts[-1].contact.user_id == 50

        await bob.share_contact(phone="+79991234567")
        assert contacts[-1].contact.phone_number == "+79991234567"

        await bob.press("Помощь")  # a plain reply-keyboard button sends its text
        assert bob.last_message.text == "Напишите нам"


async def test_wait_reply_for_a_bare_bot_and_expect_message(fake_telegram: FakeTelegram) -> None:
    client = fake_telegram.make_client()

    async def echo(_client: Client, message: Message) -> None:
        await message.reply(f"echo: {message.text}")
        await message.reply("and again")

    client.add_handler(MessageHandler(echo, filters.text))  # no observer wired
    carol = fake_telegram.user(60)
    async with running(client):
        first = await carol.send("hi", wait="reply")
        assert first[0].text == "echo: hi"
        # the second reply may still be on its way: expect_message waits for it
        rest = first[1:] or [await carol.expect_message()]
        assert rest[0].text == "and again"

        assert await carol.send("hey", wait=None) == []
        assert (await carol.expect_message()).text == "echo: hey"
        assert (await carol.expect_message()).text == "and again"

        await client.send_message(60, "news")
        assert (await carol.expect_message(timeout=2)).text == "news"
        with pytest.raises(TimeoutError, match="user 60"):
            await carol.expect_message(timeout=0.05)


async def test_handled_wait_times_out_without_an_observer(fake_telegram: FakeTelegram) -> None:
    client = fake_telegram.make_client()
    dave = fake_telegram.user(70)
    async with running(client):
        with pytest.raises(TimeoutError, match="observer"):
            await dave.send("hello", timeout=0.2)


async def test_handler_exception_is_collected(fake_telegram: FakeTelegram) -> None:
    client = fake_telegram.make_client()

    async def broken(_client: Client, _message: Message) -> None:
        raise RuntimeError("boom")

    client.add_handler(MessageHandler(broken))
    fake_telegram.install_observer(client)
    erin = fake_telegram.user(80)
    async with running(client):
        await erin.send("/start")
    assert fake_telegram.handler_errors
    assert "boom" in str(fake_telegram.handler_errors[0])
    with pytest.raises(AssertionError, match="boom"):
        fake_telegram.assert_no_handler_errors()
    assert fake_telegram.take_handler_errors()
    fake_telegram.assert_no_handler_errors()


async def test_observer_errors_are_collected(fake_telegram: FakeTelegram) -> None:
    """The app's own update loop reports errors through update_handled."""
    client = fake_telegram.make_client()
    frank = fake_telegram.user(90)

    async def app_loop(_client: Client, message: Message) -> None:
        fake_telegram.update_handled(message, ValueError("bad cart"))

    client.add_handler(MessageHandler(app_loop))
    async with running(client):
        await frank.send("/cart")
    errors = fake_telegram.take_handler_errors()
    assert [type(e.error) for e in errors] == [ValueError]
    assert errors[0].source == "observer"
