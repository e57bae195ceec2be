"""A product's photos, stored by Telegram file id: show them, add more (one by one or as
an album, up to 10), move one earlier or later, replace one, delete one."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, InputMediaPhoto, Message

from bot.admin.catalogue import actions as a
from bot.admin.catalogue.keyboards import photos_keyboard
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.catalogue import get_photo, get_product, list_photos
from models.catalogue_admin import CatalogueItemNotFound
from models.catalogue_photos import (
    PHOTOS_MAX,
    TooManyPhotos,
    add_photo,
    delete_photo,
    move_photo,
    replace_photo,
)
from models.conversations import Conversation

ADD, REPLACE = "photos.add", "photo.replace"


async def photos_screen(request: Request, product_id: int) -> tuple[str, InlineKeyboardMarkup]:
    product = await get_product(product_id)
    photos = await list_photos(product_id)
    title = product.title if product is not None else "—"
    text = request.t("acat.photos.screen", title=title, count=len(photos), most=PHOTOS_MAX)
    return text, photos_keyboard(request, product_id, photos)


async def show_photos(request: Request, query: CallbackQuery, callback: Callback) -> None:
    text, markup = await photos_screen(request, callback.integer(0) or 0)
    await show_screen(request, query, text, markup)


async def send_photos_screen(request: Request, product_id: int) -> None:
    text, markup = await photos_screen(request, product_id)
    await send_screen(request, text, markup)


async def show_album(request: Request, query: CallbackQuery, callback: Callback) -> None:
    """The product's photos as an album (those with a Telegram file id), then the screen."""
    product_id = callback.integer(0) or 0
    file_ids = [p.file_id for p in await list_photos(product_id) if p.file_id]
    await query.answer()
    if len(file_ids) == 1:
        await request.client.send_photo(request.user_id, file_ids[0])
    elif file_ids:
        album = [InputMediaPhoto(file_id) for file_id in file_ids]
        await request.client.send_media_group(request.user_id, album)  # type: ignore[arg-type]
    await send_photos_screen(request, product_id)


async def move(request: Request, query: CallbackQuery, callback: Callback) -> None:
    photo = await get_photo(callback.integer(0) or 0)
    if photo is None:
        await query.answer(request.t("acat.gone"))
        return
    moved = await move_photo(request.user_id, int(photo.id), callback.integer(1) or 0)
    text, markup = await photos_screen(request, int(photo.product))
    toast = None if moved else request.t("acat.at_the_end")
    await show_screen(request, query, text, markup, toast=toast)


async def delete(request: Request, query: CallbackQuery, callback: Callback) -> None:
    try:
        product_id = await delete_photo(request.user_id, callback.integer(0) or 0)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await photos_screen(request, product_id)
    await show_screen(request, query, text, markup, toast=request.t("acat.photo.deleted"))


# -- conversations: adding photos, replacing one ---------------------------------------


async def ask_more(request: Request, conversation: Conversation, note: str) -> None:
    count = len(await list_photos(conversation.integer("product_id") or 0))
    key = "acat.ask.photos"
    await ask_question(request, conversation, key, note, count=count, most=PHOTOS_MAX)


async def read_more(request: Request, conversation: Conversation, message: Message) -> Outcome:
    if message.photo is None:
        return "acat.bad.photo"
    product_id = conversation.integer("product_id") or 0
    try:
        await add_photo(request.user_id, product_id, message.photo.file_id)
    except TooManyPhotos:
        await send_photos_screen(request, product_id)
        return DONE
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    return conversation


async def done_adding(request: Request, conversation: Conversation) -> Outcome:
    await send_photos_screen(request, conversation.integer("product_id") or 0)
    return DONE


async def ask_replacement(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(request, conversation, "acat.ask.replacement", note)


async def read_replacement(
    request: Request, conversation: Conversation, message: Message
) -> Outcome:
    if message.photo is None:
        return "acat.bad.photo"
    try:
        product_id = await replace_photo(
            request.user_id, conversation.integer("photo_id") or 0, message.photo.file_id
        )
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    await send_photos_screen(request, product_id)
    return DONE


define(ADD, {"photos": Step(ask_more, read_more, done_adding, "acat.photos.done")})
define(REPLACE, {"photo": Step(ask_replacement, read_replacement)})


async def start_adding(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id = callback.integer(0) or 0
    if await get_product(product_id) is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, ADD, "photos", product_id=product_id)


async def start_replacing(request: Request, query: CallbackQuery, callback: Callback) -> None:
    photo = await get_photo(callback.integer(0) or 0)
    if photo is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, REPLACE, "photo", photo_id=int(photo.id))


def register(router: Router) -> None:
    router.on_callback(a.PHOTOS, show_photos)
    router.on_callback(a.PHOTOS_SHOW, show_album)
    router.on_callback(a.PHOTOS_ADD, start_adding)
    router.on_callback(a.PHOTO_MOVE, move)
    router.on_callback(a.PHOTO_REPLACE, start_replacing)
    router.on_callback(a.PHOTO_DELETE, delete)
