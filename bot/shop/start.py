"""`/start`: the user is recorded and welcomed in their language, with the main menu;
`/start p_<id>` (a deep link) opens that product instead."""

from __future__ import annotations

from pyrogram import filters
from pyrogram.types import Message

from bot.context import Request
from bot.language import pick_language
from bot.router import Router
from bot.shop.deeplinks import open_deep_link
from bot.shop.menu import send_menu
from models.text_cleaning import clean_text
from models.users import record_user


async def handle_start(request: Request, message: Message) -> None:
    user = message.from_user
    if user is None:
        return
    # Refresh the names the shop shows, unless the reader just recorded them (it records
    # a sender it does not have cached, from this very update).
    if not request.profile_saved:
        await record_user(
            user.id,
            first_name=user.first_name or "",
            last_name=user.last_name,
            username=user.username,
            language=pick_language(user.language_code),
        )
    payload = message.command[1] if message.command and len(message.command) > 1 else ""
    if payload and await open_deep_link(request, payload):
        return
    await send_menu(request, request.t("welcome", name=clean_text(user.first_name or "")))


async def handle_unknown(request: Request, message: Message) -> None:
    if message.text and message.text.startswith("/"):
        await message.reply_text(request.t("unknown_command"))


def register(router: Router) -> None:
    router.on_message(handle_start, filters.private & filters.command("start"))
    router.fallback = handle_unknown
