"""The web chat's JSON API on the running app: personas, a chat as Telegram shows it,
button presses with their answers, photos' bytes, the channel, and paying an invoice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from pyrogram.enums import ParseMode

from config import Settings
from fake_telegram import FakeTelegram
from sandbox.personas import ENGLISH_SHOPPER, FIRST_ADDED_SHOPPER_ID
from tests.sandbox.web.api import chat_of, last_bot_message, press, send
from tests.sandbox.web.web_chat import WebChat, web_chat

EMMA = ENGLISH_SHOPPER.user_id
TEST_PAYMENT_TOKEN = "284685063:TEST:sandbox-web-chat"


@pytest.fixture
async def client(running_web_chat: WebChat) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=running_web_chat.url, timeout=10) as http:
        yield http


async def test_the_page_and_its_files_are_served_without_anything_from_elsewhere(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    for asset in ("static/chat.js", "static/chat.css"):
        assert asset in page.text
        assert (await client.get(asset)).status_code == 200
    for text in (page.text, (await client.get("static/chat.js")).text):
        assert "http://" not in text and "https://" not in text and "//cdn" not in text


async def test_the_four_personas_and_an_added_shopper_each_have_a_chat(
    client: httpx.AsyncClient,
) -> None:
    personas = (await client.get("api/personas")).json()
    assert [(p["name"], p["language"], p["role"]) for p in personas] == [
        ("Анна", "ru", "shopper"),
        ("Emma", "en", "shopper"),
        ("Admin", "en", "admin"),
        ("Owner", "en", "superadmin"),
    ]
    added = await client.post("api/personas", json={"name": " Zoe ", "language": "en"})
    assert added.status_code == 201
    zoe = added.json()
    assert (zoe["id"], zoe["name"], zoe["role"]) == (FIRST_ADDED_SHOPPER_ID, "Zoe", "shopper")
    await send(client, zoe["id"], "/start")
    chat = await chat_of(client, zoe["id"])
    assert [m["from"] for m in chat["messages"]] == ["me", "bot"]
    assert last_bot_message(chat)["html"].startswith("Hello, Zoe!")
    assert len((await client.get("api/personas")).json()) == 5


async def test_a_chat_shows_edits_in_place_albums_and_the_bots_toasts(
    client: httpx.AsyncClient,
) -> None:
    await send(client, EMMA, "/start")
    menu = last_bot_message(await chat_of(client, EMMA))
    assert menu["buttons"][0] == [{"label": "🛍 Catalogue", "kind": "callback", "url": None}]
    await press(client, EMMA, "🛍 Catalogue")
    edited = last_bot_message(await chat_of(client, EMMA))
    assert (edited["id"], edited["edited"]) == (menu["id"], True)  # the same bubble
    assert edited["html"] == "Catalogue. Choose a section:"
    await press(client, EMMA, "Футболки")
    await press(client, EMMA, "Футболка базовая · 1\xa0990\xa0₽")

    chat = await chat_of(client, EMMA)
    album = [m for m in chat["messages"] if m["album"] is not None]
    assert len(album) == 3 and len({m["album"] for m in album}) == 1
    assert album[0]["html"].startswith("Футболка базовая<br><br>")
    for message in album:
        photo = await client.get(message["media"]["url"])
        assert photo.status_code == 200
        assert photo.headers["content-type"] == "image/png"
        assert photo.content[:4] == b"\x89PNG"
    assert (await client.get("api/files/12345")).status_code == 404

    await press(client, EMMA, "S · белый")
    answer = await press(client, EMMA, "2")
    assert answer["answer"] == {"text": "Added to your cart", "alert": False}


async def test_the_reply_keyboards_contact_button_shares_the_personas_phone(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    await send(client, EMMA, "/start")
    for label in ("🛍 Catalogue", "Аксессуары", "Кепка · 1\xa0290\xa0₽", "One size", "1"):
        await press(client, EMMA, label)
    await press(client, EMMA, "🛒 Go to cart")
    await press(client, EMMA, "✅ Checkout")
    await press(client, EMMA, "Emma")
    chat = await chat_of(client, EMMA)
    assert chat["reply_keyboard"]["rows"][0] == [
        {"label": "📱 Share my number", "kind": "request_contact", "url": None}
    ]
    await press(client, EMMA, "📱 Share my number")
    chat = await chat_of(client, EMMA)
    shared = [m for m in chat["messages"] if m["media"] and m["media"]["kind"] == "contact"]
    assert [m["media"]["phone"] for m in shared] == [ENGLISH_SHOPPER.phone]
    assert last_bot_message(chat)["html"] == "How should we deliver your order?"
    running_web_chat.telegram.assert_no_handler_errors()


async def test_the_channel_view_shows_the_shops_posts_formatted_and_escaped(
    client: httpx.AsyncClient, running_web_chat: WebChat
) -> None:
    channel_id = running_web_chat.world.channel_id
    assert channel_id is not None
    assert (await client.get("api/channel")).json()["messages"] == []
    [bot] = running_web_chat.telegram.live_clients()
    await bot.send_message(
        channel_id,
        '<b>New</b> <i>hoodie</i> &lt;script&gt; <a href="https://example.org/x?a=1&amp;b=2">'
        "look</a> <code>SKU-1</code>",
        parse_mode=ParseMode.HTML,
    )
    channel = (await client.get("api/channel")).json()
    assert channel["title"] == "Shop channel"
    [post] = channel["messages"]
    assert post["from"] == "channel"
    assert post["html"] == (
        "<b>New</b> <i>hoodie</i> &lt;script&gt; "
        '<a href="https://example.org/x?a=1&amp;b=2" target="_blank" '
        'rel="noopener noreferrer">look</a> <code>SKU-1</code>'
    )


async def test_an_invoice_is_paid_with_its_pay_button(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    token = SecretStr(TEST_PAYMENT_TOKEN)
    async with (
        web_chat(sqlite_database, fake_telegram, tmp_path, payment_provider_token=token) as chat,
        httpx.AsyncClient(base_url=chat.url, timeout=15) as client,
    ):
        await send(client, EMMA, "/start")
        for label in ("🛍 Catalogue", "Аксессуары", "Кепка · 1\xa0290\xa0₽", "One size", "1"):
            await press(client, EMMA, label)
        for label in ("🛒 Go to cart", "✅ Checkout", "Emma", "📱 Share my number"):
            await press(client, EMMA, label)
        for label in ("🏬 Pickup", "Skip", "✅ Confirm"):
            await press(client, EMMA, label)
        emma = chat.world.person(EMMA)
        await chat.telegram.wait_for_chat(
            chat.world.bot_id,
            EMMA,
            lambda: True if any(m.media_kind == "invoice" for m in emma.messages) else None,
            timeout=10,
        )
        shown = (await chat_of(client, EMMA))["messages"]
        [invoice] = [m for m in shown if m["media"] and m["media"]["kind"] == "invoice"]
        assert invoice["media"]["amount"] == "1290.00 RUB"
        assert invoice["pay"] or invoice["buttons"][0][0]["kind"] == "pay"

        paid = await client.post(f"api/personas/{EMMA}/pay", json={"message_id": invoice["id"]})
        assert paid.json() == {"ok": True, "accepted": True, "error": None}
        shown = (await chat_of(client, EMMA))["messages"]
        assert any(m["service"] == "💳 Paid 1290.00 RUB" for m in shown)
        [invoice] = [m for m in shown if m["id"] == invoice["id"]]
        assert (invoice["paid"], invoice["pay"]) == (True, False)
        again = await client.post(f"api/personas/{EMMA}/pay", json={"message_id": invoice["id"]})
        assert again.status_code == 409 and "paid already" in again.json()["error"]
        chat.telegram.assert_no_handler_errors()
