"""`/start`: the user is recorded and welcomed in their language."""

from __future__ import annotations

from pyrogram import Client, filters
from pyrogram.types import Message

from bot.language import pick_language
from bot.router import Router
from bot.texts import text
from models.users import record_user


async def handle_start(client: Client, message: Message) -> None:
    user = message.from_user
    if user is None:  # a channel post or an anonymous admin: nobody to welcome
        return
    language = pick_language(user.language_code)
    await record_user(
        user.id,
        first_name=user.first_name or "",
        last_name=user.last_name,
        username=user.username,
        language=language,
    )
    await message.reply_text(text("welcome", language, name=user.first_name or ""))


def register(router: Router) -> None:
    router.add(Message, handle_start, filters.private & filters.command("start"))
