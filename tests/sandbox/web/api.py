"""Using the web chat's JSON API as its page does (for the API tests)."""

from __future__ import annotations

from typing import Any

import httpx

Json = dict[str, Any]


async def chat_of(client: httpx.AsyncClient, persona: int) -> Json:
    response = await client.get(f"api/personas/{persona}/chat")
    response.raise_for_status()
    chat: Json = response.json()
    return chat


def find_button(chat: Json, label: str) -> Json:
    """Where `label` is: the reply keyboard, else the latest message with that button."""
    keyboard = chat["reply_keyboard"]
    if keyboard is not None:
        for r, row in enumerate(keyboard["rows"]):
            for c, button in enumerate(row):
                if button["label"] == label:
                    return {"message_id": keyboard["message_id"], "row": r, "column": c}
    for message in reversed(chat["messages"]):
        for r, row in enumerate(message["buttons"]):
            for c, button in enumerate(row):
                if button["label"] == label:
                    return {"message_id": message["id"], "row": r, "column": c}
    raise LookupError(f"no button {label!r}")


async def press(client: httpx.AsyncClient, persona: int, label: str) -> Json:
    """Press the button labelled `label` as the page does; the response's JSON."""
    where = find_button(await chat_of(client, persona), label)
    response = await client.post(f"api/personas/{persona}/press", json=where)
    response.raise_for_status()
    answer: Json = response.json()
    return answer


async def send(client: httpx.AsyncClient, persona: int, text: str) -> None:
    response = await client.post(f"api/personas/{persona}/messages", json={"text": text})
    response.raise_for_status()


def last_bot_message(chat: Json) -> Json:
    message: Json = next(m for m in reversed(chat["messages"]) if m["from"] == "bot")
    return message
