"""Switching the shopper's language (Russian <-> English) from the menu.

The choice is stored (`users.language`), so every later update is answered in it;
Telegram's `language_code` only sets the language of a new user.
"""

from __future__ import annotations

from dataclasses import replace

from pyrogram.types import InlineKeyboardButton

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button
from bot.language import LANGUAGES, Language
from bot.shop.actions import SET_LANGUAGE
from models.users import set_language


def other_language(language: Language) -> Language:
    return "en" if language == "ru" else "ru"


def language_button(request: Request) -> InlineKeyboardButton:
    """ "🌐 English" for a Russian reader, "🌐 Русский" for an English one."""
    return button(
        request,
        request.t("menu.switch_language"),
        SET_LANGUAGE,
        other_language(request.language),
    )


async def switch_language(request: Request, callback: Callback) -> Request | None:
    """Store the language the button names; the request as it reads from now on, or
    None when the button names no language the shop speaks (nothing changes)."""
    wanted = next((code for code in LANGUAGES if callback.args == (code,)), None)
    if wanted is None:
        return None
    await set_language(request.deps.statuses, request.user_id, wanted)
    return replace(request, language=wanted)
