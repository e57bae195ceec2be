"""Live updates: every open page (two tabs here) hears of a chat's change by
server-sent events, whoever made it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import anyio
import httpx

from sandbox.personas import ENGLISH_SHOPPER
from tests.sandbox.web.api import send
from tests.sandbox.web.web_chat import WebChat

EMMA = ENGLISH_SHOPPER.user_id


async def events(response: httpx.Response) -> AsyncIterator[tuple[str, object]]:
    """(event name, data) of a server-sent event stream."""
    name, data = "message", ""
    async for line in response.aiter_lines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif line == "" and data:
            yield name, json.loads(data)
            name, data = "message", ""


async def test_two_tabs_both_hear_of_a_new_message_and_of_the_bots_edit(
    running_web_chat: WebChat,
) -> None:
    emma = running_web_chat.world.person(EMMA)
    heard: dict[int, list[object]] = {1: [], 2: []}
    ready = {1: anyio.Event(), 2: anyio.Event()}
    edited = {1: anyio.Event(), 2: anyio.Event()}

    async def tab(number: int, client: httpx.AsyncClient) -> None:
        async with client.stream("GET", "api/events") as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            async for name, data in events(response):
                if name == "ready":
                    ready[number].set()
                elif name == "chat":
                    heard[number].append(data)
                    # changes coalesce: the page reloads the chat on an event, and
                    # what it reloads after the last one shows the edit
                    if emma.messages and emma.messages[0].edited:
                        edited[number].set()

    async with (
        httpx.AsyncClient(base_url=running_web_chat.url, timeout=10) as first,
        httpx.AsyncClient(base_url=running_web_chat.url, timeout=10) as second,
        httpx.AsyncClient(base_url=running_web_chat.url, timeout=10) as actor,
        anyio.create_task_group() as tabs,
    ):
        tabs.start_soon(tab, 1, first)
        tabs.start_soon(tab, 2, second)
        with anyio.fail_after(10):
            await ready[1].wait()
            await ready[2].wait()
        await send(actor, EMMA, "/start")
        await emma.press("🛍 Catalogue")  # the bot edits its message
        with anyio.fail_after(10):
            await edited[1].wait()
            await edited[2].wait()
        tabs.cancel_scope.cancel()
    for number in (1, 2):
        assert set(map(json.dumps, heard[number])) == {json.dumps({"chat": EMMA})}
