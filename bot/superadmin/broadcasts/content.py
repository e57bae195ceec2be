"""What a broadcast looks like on the wire, built once and sent to every recipient.

The author's formatting is kept as HTML (Kurigram's dialect: `message.text.html`) and
parsed once into raw entities; a photo is its file id; the optional button is one URL
button. `BroadcastContent.request(peer, random_id)` is the raw `messages.SendMessage`
or `messages.SendMedia`: raw, so the `random_id` is ours and a re-send after a crash is
recognised by Telegram as the same message (`random_id_for`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.file_id import FileType
from pyrogram.raw.core.tl_object import TLObject
from pyrogram.raw.functions.messages.send_media import SendMedia
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from pyrogram.utils import get_input_media_from_file_id

#: Telegram's limits, in UTF-16 code units.
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
BUTTON_TEXT_LIMIT = 64
BUTTON_URL_LIMIT = 512
URL_SCHEMES = ("https://", "http://", "tg://")


def random_id_for(broadcast_id: int, telegram_id: int, nonce: int) -> int:
    """The message's `random_id` for one recipient: the same in every process and run,
    different for every (broadcast, recipient); a signed 64-bit, never 0.

    `nonce` is the broadcast's random number, kept in its row: another database (fresh,
    or restored from a backup) numbers its broadcasts from 1 again, and without it its
    broadcast #1 would look to Telegram like a repeat of the first database's #1."""
    seed = f"shopbot-broadcast:{nonce}:{broadcast_id}:{telegram_id}"
    digest = hashlib.sha256(seed.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True) or 1


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def valid_button_url(url: str) -> bool:
    return url.startswith(URL_SCHEMES) and len(url) <= BUTTON_URL_LIMIT and " " not in url


@dataclass(frozen=True)
class BroadcastContent:
    message: str
    entities: list[Any] | None
    media: Any | None  # raw InputMedia (a photo by file id)
    markup: Any | None  # raw ReplyMarkup (one URL button)

    def request(self, peer: Any, random_id: int, *, paid: bool = False) -> TLObject[Any]:
        """The raw send for one recipient (`paid`: `allow_paid_floodskip`, paid broadcast)."""
        floodskip = True if paid else None
        if self.media is None:
            return SendMessage(
                peer=peer,
                message=self.message,
                random_id=random_id,
                entities=self.entities,
                reply_markup=self.markup,
                allow_paid_floodskip=floodskip,
            )
        return SendMedia(
            peer=peer,
            media=self.media,
            message=self.message,
            random_id=random_id,
            entities=self.entities,
            reply_markup=self.markup,
            allow_paid_floodskip=floodskip,
        )


async def prepare_content(
    client: Client,
    *,
    html: str,
    photo_file_id: str | None = None,
    button_text: str | None = None,
    button_url: str | None = None,
) -> BroadcastContent:
    parsed = await client.parser.parse(html, ParseMode.HTML)
    media = None
    if photo_file_id:
        media = get_input_media_from_file_id(photo_file_id, FileType.PHOTO)
    markup = None
    if button_text and button_url:
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton(button_text, url=button_url)]])
        markup = await keyboard.write(client)
    return BroadcastContent(
        message=str(parsed["message"]),
        entities=parsed["entities"] or None,
        media=media,
        markup=markup,
    )
