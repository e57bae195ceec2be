"""Sending product photos: uploaded once, then re-sent by Telegram's cached file id.

A `Photo`'s `source` is a local file path (or an http(s) URL) used for the first
send; the `file_id` Telegram gives back is stored (`cache_photo_file_id`) and used
from then on, so a photo is uploaded once, not on every view. A cached id Telegram no
longer accepts (file ids belong to one bot: a new token retires them) is replaced by
sending from the source again. A photo whose file is missing is left out (and logged).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

import anyio
from loguru import logger
from pyrogram.enums import ParseMode
from pyrogram.errors import BadRequest
from pyrogram.types import (
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)

from bot.context import Request
from models.catalogue import cache_photo_file_id


class Photo(Protocol):
    """A product photo as stored: a shop card's (`models.storefront.ShopPhoto`) or the
    table's row (`models.catalogue.Photo`)."""

    @property
    def id(self) -> int: ...
    @property
    def source(self) -> str: ...
    @property
    def file_id(self) -> str | None: ...


P = TypeVar("P", bound=Photo)

AlbumItem = InputMediaPhoto | InputMediaVideo | InputMediaAudio | InputMediaDocument
#: Telegram's limit on the photos of one album.
ALBUM_LIMIT = 10


async def _has_source(photo: Photo) -> bool:
    """Whether the photo's source can be sent (an http(s) URL or an existing file)."""
    source = photo.source
    return source.startswith(("http://", "https://")) or await anyio.Path(source).is_file()


async def usable_photos(photos: Sequence[P]) -> list[P]:
    """The photos that can be sent (cached, or with a usable source), at most an
    album's worth, in order."""
    usable: list[P] = []
    for photo in photos:
        if photo.file_id or await _has_source(photo):
            usable.append(photo)
        else:
            logger.warning("product photo {} is missing: {}", photo.id, photo.source)
        if len(usable) == ALBUM_LIMIT:
            break
    return usable


async def send_photo(
    request: Request, photo: Photo, caption: str, markup: InlineKeyboardMarkup
) -> None:
    """One photo with its caption and keyboard."""

    async def send(reference: str) -> Message | None:
        return await request.client.send_photo(
            request.user_id,
            reference,
            caption=caption,
            parse_mode=ParseMode.DISABLED,
            reply_markup=markup,
        )

    if not photo.file_id:
        await _remember(photo, await send(photo.source))
        return
    try:
        await send(photo.file_id)
    except BadRequest as refused:
        if not await _has_source(photo):
            raise
        logger.warning("cached photo {} refused ({}); uploading it again", photo.id, refused)
        await _remember(photo, await send(photo.source))


async def send_album(request: Request, photos: Sequence[Photo], caption: str) -> None:
    """2 to 10 photos as one album, the caption on the first (an album has no keyboard)."""

    def album(use_cache: bool) -> list[AlbumItem]:
        return [
            InputMediaPhoto(
                (photo.file_id if use_cache else None) or photo.source,
                caption=caption if index == 0 else "",
                parse_mode=ParseMode.DISABLED,
            )
            for index, photo in enumerate(photos)
        ]

    uploaded = {photo.id for photo in photos if not photo.file_id}
    try:
        sent = await request.client.send_media_group(request.user_id, album(use_cache=True))
    except BadRequest as refused:
        if not await _all_have_sources(photos):
            raise
        logger.warning("cached album photos refused ({}); uploading them again", refused)
        sent = await request.client.send_media_group(request.user_id, album(use_cache=False))
        uploaded = {photo.id for photo in photos}
    for photo, message in zip(photos, sent, strict=False):
        if photo.id in uploaded:
            await _remember(photo, message)


async def _all_have_sources(photos: Sequence[Photo]) -> bool:
    for photo in photos:
        if not await _has_source(photo):
            return False
    return True


async def _remember(photo: Photo, sent: Message | None) -> None:
    """Store the file id Telegram gave a photo that was just uploaded (a photo sent by
    its cached id keeps it: Telegram may describe the same file by another id string)."""
    if sent is not None and sent.photo is not None:
        await cache_photo_file_id(photo.id, sent.photo.file_id)
