"""Live updates: a server-sent event stream of the chats that changed.

Each event names one chat (`{"chat": id}`) of the sandbox's bot whose messages changed;
every open page (several tabs too) reloads that chat if it shows it. Fed by
`FakeTelegram.watch_chats`, which coalesces changes, so a slow tab never falls behind.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from sandbox.world import SandboxWorld

#: How long a browser waits before reconnecting a dropped stream, in milliseconds.
RETRY_MS = 1000


def event_routes(world: SandboxWorld) -> list[Route]:
    async def stream() -> AsyncIterator[str]:
        yield f"retry: {RETRY_MS}\nevent: ready\ndata: {{}}\n\n"
        # The stream ends when the app stops (its bot leaves the fake): the server's stop
        # is not held up, and a page that is still open reconnects to the next start.
        async for changed in world.telegram.watch_chats(until_bot_leaves=world.bot_id):
            for bot_id, chat_id in sorted(changed):
                if bot_id == world.bot_id:
                    yield f"event: chat\ndata: {json.dumps({'chat': chat_id})}\n\n"

    async def events(request: Request) -> StreamingResponse:
        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return [Route("/api/events", events, methods=["GET"])]
