"""Reading chats: a persona's chat with the bot, and the shop channel's posts."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sandbox.web.messages import chat_json, reply_keyboard_json
from sandbox.web.persona_routes import persona_json
from sandbox.world import SandboxWorld

#: The page shows the latest messages of a chat, as a Telegram app loads them.
SHOWN = 300


def chat_routes(world: SandboxWorld) -> list[Route]:
    async def persona_chat(request: Request) -> JSONResponse:
        user_id: int = request.path_params["user_id"]
        persona = world.persona(user_id)
        person = world.person(user_id)
        stored = world.telegram.world.messages_of(world.bot_id, user_id)[-SHOWN:]
        return JSONResponse(
            {
                "persona": persona_json(persona),
                "chat_id": user_id,
                "messages": chat_json(stored, world.telegram.world, bot_id=world.bot_id),
                "reply_keyboard": reply_keyboard_json(person.reply_keyboard),
            }
        )

    async def channel(request: Request) -> JSONResponse:
        if world.channel_id is None:
            raise HTTPException(404, "the sandbox has no shop channel")
        record = world.telegram.world.channel_by_chat_id(world.channel_id)
        stored = world.telegram.world.messages_of(world.bot_id, world.channel_id)[-SHOWN:]
        return JSONResponse(
            {
                "title": record.title if record is not None else "Channel",
                "chat_id": world.channel_id,
                "messages": chat_json(stored, world.telegram.world, bot_id=world.bot_id),
            }
        )

    return [
        Route("/api/personas/{user_id:int}/chat", persona_chat, methods=["GET"]),
        Route("/api/channel", channel, methods=["GET"]),
    ]
