"""Showing a screen (a text with its keyboard) in answer to a button press.

The pressed message is edited in place when it is a text message, so browsing menus
does not flood the chat. A media message (a product photo) cannot become a text, so
then the screen is sent as a new message. Catalogue data goes out with parse mode
off: a product title with `*` or `<` is shown as written. Texts over Telegram's limit
are cut cleanly (screens are edited in place, so they are one message).
"""

from __future__ import annotations

from contextlib import suppress

from pyrogram.enums import ParseMode
from pyrogram.errors import MessageNotModified
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.context import Request
from bot.text_limits import MESSAGE_LIMIT, cut


async def send_screen(
    request: Request, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """The screen as a new message in the user's chat."""
    return await request.client.send_message(
        request.user_id,
        cut(text, MESSAGE_LIMIT),
        parse_mode=ParseMode.DISABLED,
        reply_markup=markup,
    )


async def show_screen(
    request: Request,
    query: CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    toast: str | None = None,
) -> None:
    """Replace the pressed message with the screen (or send it), then answer the press
    with `toast` (a short notice at the top of the chat), or silently."""
    message = query.message
    if isinstance(message, Message) and message.text is not None and message.media is None:
        # The same screen pressed twice already shows what it should.
        with suppress(MessageNotModified):
            await message.edit_text(
                cut(text, MESSAGE_LIMIT), parse_mode=ParseMode.DISABLED, reply_markup=markup
            )
    else:
        await send_screen(request, text, markup)
    await query.answer(toast)


async def refuse(request: Request, query: CallbackQuery, key: str) -> None:
    """A short polite answer to a press that cannot be acted on; nothing changes."""
    await query.answer(request.t(key))
