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

Screens, questions and edits go out as Kurigram's raw requests (`send_text`,
`edit_message`), built as its `send_message` and `edit_message_text` build them, but
Telegram's answer is not read into a `Message` nor its users into the peer store: no
caller looks at more than the new message's id, and that parsing was a sixth of the
CPU of an update in `bench/updates.py`. What Kurigram's parsing also did, and a press
needs, is done here: a text message with buttons is put into the client's message
cache as sent (`_remember`), where Kurigram looks for the message of a press before it
asks Telegram for it (`messages.GetMessages`, a request more per press).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from pyrogram import Client, utils
from pyrogram.enums import ChatType, ParseMode
from pyrogram.errors import MessageNotModified
from pyrogram.raw.functions.messages.edit_message import EditMessage
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.raw.types.update_message_id import UpdateMessageID
from pyrogram.raw.types.update_new_channel_message import UpdateNewChannelMessage
from pyrogram.raw.types.update_new_message import UpdateNewMessage
from pyrogram.raw.types.update_short_sent_message import UpdateShortSentMessage
from pyrogram.types import (
    CallbackQuery,
    Chat,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from pyrogram.types.messages_and_media.message import Str

from bot.context import Request
from bot.text_limits import MESSAGE_LIMIT, cut
from runtime.input_peers import invoke_direct

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply
#: The text type of Kurigram's `Message` (a `str` with its entities; its constructor is
#: untyped). The entities of a remembered message are not kept: nothing reads them.
_kurigram_text = cast(Callable[[str], Str], Str)


async def _text_fields(
    client: Client, chat_id: int, text: str, parse_mode: ParseMode | None, markup: Markup | None
) -> dict[str, Any]:
    """What a raw send and a raw edit of a text carry alike, filled as Kurigram's
    `send_message` and `edit_message_text` fill them (the link preview as the client's
    option says; None: Telegram's default)."""
    parsed = await utils.parse_text_entities(client, text, parse_mode, None)
    return {
        "peer": await client.resolve_peer(chat_id),
        "message": str(parsed["message"]),
        "entities": parsed["entities"],
        "no_webpage": getattr(client.link_preview_options, "is_disabled", None) or None,
        "reply_markup": await markup.write(client) if markup is not None else None,
    }


async def send_text(
    client: Client,
    chat_id: int,
    text: str,
    *,
    reply_markup: Markup | None = None,
    parse_mode: ParseMode | None = None,
) -> int | None:
    """`client.send_message(chat_id, text, ...)` without reading Telegram's answer into a
    `Message`; the new message's id (None if the answer does not say it)."""
    fields = await _text_fields(client, chat_id, text, parse_mode, reply_markup)
    random_id = client.rnd_id()
    answer = await invoke_direct(client, SendMessage(random_id=random_id, **fields))
    sent = sent_message_id(answer, random_id)
    if sent is not None and isinstance(reply_markup, InlineKeyboardMarkup):
        await _remember(client, chat_id, sent, fields["message"], reply_markup)
    return sent


async def _remember(
    client: Client, chat_id: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """A text message as a press on it will show it in `query.message` (its id, chat,
    text and keyboard), in the client's message cache: one with buttons when sent, and
    every edited one (so the cache never shows an edited message as it was)."""
    chat_type = ChatType.PRIVATE if chat_id > 0 else ChatType.SUPERGROUP
    message = Message(
        id=message_id,
        chat=Chat(id=chat_id, type=chat_type, client=client),
        text=_kurigram_text(text),
        reply_markup=markup,
        outgoing=True,
        client=client,
    )
    await client.message_cache.set((chat_id, message_id), message)


def sent_message_id(answer: Any, random_id: int) -> int | None:
    """The id of the message a raw send made, from Telegram's answer to it (`Updates`:
    an `UpdateMessageID` pairs our `random_id` with the new id); None when the answer
    does not say (an odd answer)."""
    if isinstance(answer, UpdateShortSentMessage):
        return int(answer.id)
    updates = getattr(answer, "updates", None)
    if not isinstance(updates, list):
        return None
    for update in updates:
        if isinstance(update, UpdateMessageID) and update.random_id == random_id:
            return int(update.id)
    for update in updates:
        if isinstance(update, UpdateNewMessage | UpdateNewChannelMessage):
            return int(update.message.id)
    return None


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
    fields = await _text_fields(client, chat_id, text, parse_mode, reply_markup)
    request = EditMessage(id=message_id, **fields)
    try:
        await invoke_direct(client, request)
    except MessageNotModified:
        return False
    await _remember(client, chat_id, message_id, fields["message"], reply_markup)
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
) -> int | None:
    """The screen as a new message in the user's chat; its id."""
    return await send_text(
        request.client,
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
    await put_screen(request, query, text, markup)
    await query.answer(toast)


async def put_screen(
    request: Request, query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """`show_screen` without answering the press (the caller answers it)."""
    message = query.message
    if isinstance(message, Message) and message.text is not None and message.media is None:
        await edit_pressed(
            request, query, cut(text, MESSAGE_LIMIT), markup, parse_mode=ParseMode.DISABLED
        )
    else:
        await send_screen(request, text, markup)


async def refuse(request: Request, query: CallbackQuery, key: str) -> None:
    """A short polite answer to a press that cannot be acted on; nothing changes."""
    await query.answer(request.t(key))
