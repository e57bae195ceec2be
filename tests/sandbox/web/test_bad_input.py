"""Bad requests to the web chat get clear HTTP errors, and the fake Telegram is left as
it was: no message sent, no button pressed, no persona added."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from sandbox.personas import ADMIN, ENGLISH_SHOPPER
from tests.sandbox.web.api import chat_of, find_button, last_bot_message, press, send
from tests.sandbox.web.web_chat import WebChat

EMMA = ENGLISH_SHOPPER.user_id
NOBODY = 123


@pytest.fixture
async def client(running_web_chat: WebChat) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=running_web_chat.url, timeout=10) as http:
        yield http


def error_of(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    error: str = response.json()["error"]
    return error


async def test_an_unknown_persona_is_404_for_reading_and_acting(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    known = len(running_web_chat.telegram.world.users)
    assert "no persona has the id 123" in error_of(
        await client.get(f"api/personas/{NOBODY}/chat"), 404
    )
    for action, body in (
        ("messages", {"text": "hi"}),
        ("press", {"message_id": 1, "row": 0, "column": 0}),
        ("pay", {"message_id": 1}),
    ):
        error_of(await client.post(f"api/personas/{NOBODY}/{action}", json=body), 404)
    assert len(running_web_chat.telegram.world.users) == known
    assert (await client.get("api/personas/abc/chat")).status_code == 404


async def test_bodies_that_are_not_json_objects_or_have_bad_fields_are_400_or_413(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    url = f"api/personas/{EMMA}/messages"
    assert error_of(await client.post(url, content=b"not json"), 400) == "the body is not JSON"
    assert error_of(await client.post(url, content=b"\xff\xfe"), 400) == "the body is not JSON"
    assert error_of(await client.post(url, json=["hi"]), 400) == "the body is not a JSON object"
    assert error_of(await client.post(url, json={"text": 5}), 400) == "'text' must be a string"
    assert error_of(await client.post(url, json={"text": "  "}), 400) == "'text' is empty"
    assert "4096" in error_of(await client.post(url, json={"text": "x" * 4097}), 413)
    assert "bytes" in error_of(await client.post(url, content=b"{" + b" " * 20_000), 413)
    press_url = f"api/personas/{EMMA}/press"
    for bad in ({"message_id": 1, "row": "0", "column": 0}, {"message_id": True, "row": 0}):
        assert "must be an integer" in error_of(await client.post(press_url, json=bad), 400)
    for bad_shopper in ({"name": "", "language": "en"}, {"name": "Zed", "language": "de"}):
        error_of(await client.post("api/personas", json=bad_shopper), 400)
    assert len((await client.get("api/personas")).json()) == 4
    assert running_web_chat.world.person(EMMA).history == []  # nothing reached the bot


async def test_pressing_gone_missing_or_foreign_buttons_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    tg = running_web_chat.telegram
    await send(client, EMMA, "/start")
    await press(client, EMMA, "🛍 Catalogue")
    await press(client, EMMA, "Аксессуары")
    await press(client, EMMA, "Кепка · 1\xa0290\xa0₽")
    await press(client, EMMA, "One size")
    await press(client, EMMA, "1")
    await press(client, EMMA, "🛒 Go to cart")
    await press(client, EMMA, "✅ Checkout")
    asked_name = find_button(await chat_of(client, EMMA), "Emma")
    await press(client, EMMA, "Emma")  # a new question brings a new reply keyboard
    before = await chat_of(client, EMMA)
    queries = len(tg.world.callback_queries)
    press_url = f"api/personas/{EMMA}/press"

    assert "keyboard" in error_of(await client.post(press_url, json=asked_name), 409)
    cart = last_bot_message({"messages": [m for m in before["messages"] if m["buttons"]]})
    out_of_range = {"message_id": cart["id"], "row": 9, "column": 0}
    assert "no button" in error_of(await client.post(press_url, json=out_of_range), 404)
    foreign = {"message_id": 10_000, "row": 0, "column": 0}
    error_of(await client.post(press_url, json=foreign), 404)
    not_invoice = {"message_id": cart["id"]}
    assert "not an invoice" in error_of(
        await client.post(f"api/personas/{EMMA}/pay", json=not_invoice), 400
    )
    await send(client, ADMIN.user_id, "/start")  # the admin's message is not Emma's
    admins = last_bot_message(await chat_of(client, ADMIN.user_id))
    elsewhere = {"message_id": admins["id"], "row": 0, "column": 0}
    error_of(await client.post(press_url, json=elsewhere), 404)

    [bot] = tg.live_clients()
    await bot.delete_messages(EMMA, [cart["id"]])
    gone = {"message_id": cart["id"], "row": 0, "column": 0}
    assert "deleted" in error_of(await client.post(press_url, json=gone), 410)

    after = await chat_of(client, EMMA)
    assert [m["id"] for m in after["messages"]] == [
        m["id"] for m in before["messages"] if m["id"] != cart["id"]
    ]
    assert after["reply_keyboard"] == before["reply_keyboard"]
    assert len(tg.world.callback_queries) == queries
    tg.assert_no_handler_errors()


async def test_a_bot_that_does_not_handle_a_message_in_time_is_a_504(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    tg = running_web_chat.telegram
    tg.timeout = 0.5
    held = tg.hold("messages.SendMessage")  # the bot's answer never gets through
    response = await client.post(f"api/personas/{EMMA}/messages", json={"text": "/start"})
    assert "did not answer in time" in error_of(response, 504)
    held.release()
    tg.timeout = 5
    emma = running_web_chat.world.person(EMMA)
    await emma.expect_message()  # the answer arrives after all, and shows
    assert last_bot_message(await chat_of(client, EMMA))["html"].startswith("Hello, Emma!")
