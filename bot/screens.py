"""Showing a screen (a text with its keyboard) in answer to a button press, and the
one way the bot edits a message (`edit_message`).

The pressed message is edited in place when it is a text message, so browsing menus
does not flood the chat. A media message (a product photo) cannot become a text, so
then the screen is sent as a new message. Catalogue data goes out with parse mode
off: a product title with `*` or `<` is shown as written. Texts over Telegram's limit
are cut cleanly (screens are edited in place, so they are one message).

Telegram refuses an edit that changes nothing (MESSAGE_NOT_MODIFIED): a button pressed
twice, or the option already chosen pressed again. That is success here, never an
error, wherever a message is edited (handlers and actors alike go through
`edit_message`; tests/bot/test_screens.py checks no other edit call exists).
"""

from __future__ import annotations

from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors import MessageNotModified
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.context import Request
from bot.text_limits import MESSAGE_LIMIT, cut


async def edit_message(
    client: Client,
    chat_id: int,
    message_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    parse_mode: ParseMode | None = None,
) -> bool:
    """Make the message show `text` and `reply_markup` (none: no keyboard). False when it
    already showed exactly that (Telegram's MESSAGE_NOT_MODIFIED), which is no error.
    Other errors (a deleted message, a flood wait) are the caller's."""
    try:
        await client.edit_message_text(
            chat_id, message_id, text, parse_mode=parse_mode, reply_markup=reply_markup
        )
    except MessageNotModified:
        return False
    return True


async def edit_pressed(
    request: Request,
    query: CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    parse_mode: ParseMode | None = None,
) -> None:
    """Edit the message whose button was pressed (nothing when Telegram did not send it:
    too old, or an inline message)."""
    message = query.message
    if isinstance(message, Message) and message.chat is not None and message.chat.id is not None:
        await edit_message(
            request.client,
            message.chat.id,
            message.id,
            text,
            reply_markup=markup,
            parse_mode=parse_mode,
        )


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
        await edit_pressed(
            request, query, cut(text, MESSAGE_LIMIT), markup, parse_mode=ParseMode.DISABLED
        )
    else:
        await send_screen(request, text, markup)
    await query.answer(toast)


async def refuse(request: Request, query: CallbackQuery, key: str) -> None:
    """A short polite answer to a press that cannot be acted on; nothing changes."""
    await query.answer(request.t(key))
