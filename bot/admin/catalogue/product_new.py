"""Creating a product, a guided conversation started in a category: title, description
(may be skipped), price as shoppers read it, sizes, colours (may be skipped), photos
(one by one or as an album, up to 10; Done ends), then the stock of each variant of
the size x colour grid. The product and its variants (SKUs generated, no stock) are
written at the end in one transaction; the stock is then set by the order processor.
"""

from __future__ import annotations

from typing import Any

from pyrogram.types import CallbackQuery, Message

from bot.admin.catalogue import actions as a
from bot.admin.catalogue.products import send_product
from bot.admin.catalogue.stock_requests import change_stock, refusal_key
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from models.catalogue import get_category
from models.catalogue_admin import CatalogueItemNotFound, NewProduct, create_product
from models.catalogue_input import (
    COLOUR_MAX,
    SIZE_MAX,
    TITLE_MAX,
    StockChange,
    parse_price,
    parse_stock_list,
    read_description,
    read_grid_names,
    read_name,
)
from models.catalogue_photos import PHOTOS_MAX
from models.conversations import Conversation

KIND = "product.new"


def _strings(conversation: Conversation, name: str) -> list[str]:
    value = conversation.data.get(name)
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _colours(conversation: Conversation) -> list[str | None]:
    return [*_strings(conversation, "colours")] or [None]


def grid_labels(conversation: Conversation) -> list[str]:
    return [
        f"{size} / {colour}" if colour else size
        for size in _strings(conversation, "sizes")
        for colour in _colours(conversation)
    ]


def _asker(key: str, **values: Any) -> Any:
    async def ask(request: Request, conversation: Conversation, note: str) -> None:
        await ask_question(request, conversation, key, note, **values)

    return ask


async def ask_photos(request: Request, conversation: Conversation, note: str) -> None:
    count = len(_strings(conversation, "photos"))
    await ask_question(request, conversation, "acat.ask.photos", note, count=count, most=PHOTOS_MAX)


async def ask_stock(request: Request, conversation: Conversation, note: str) -> None:
    labels = ", ".join(grid_labels(conversation))
    await ask_question(request, conversation, "acat.ask.stock", note, variants=labels)


async def read_title(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    title = read_name(message.text or "", TITLE_MAX)
    return "acat.bad.title" if title is None else conversation.moved("description", title=title)


async def read_about(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    description = read_description(message.text or "")
    if description is None:
        return "acat.bad.description"
    return conversation.moved("price", description=description)


async def skip_about(_r: Request, conversation: Conversation) -> Outcome:
    return conversation.moved("price", description="")


async def read_price(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    price = parse_price(message.text or "")
    return "acat.bad.price" if price is None else conversation.moved("sizes", price=price)


async def read_sizes(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    sizes = read_grid_names(message.text or "", SIZE_MAX)
    return "acat.bad.sizes" if sizes is None else conversation.moved("colours", sizes=sizes)


async def read_colours(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    colours = read_grid_names(message.text or "", COLOUR_MAX)
    return "acat.bad.colours" if colours is None else conversation.moved("photos", colours=colours)


async def skip_colours(_r: Request, conversation: Conversation) -> Outcome:
    return conversation.moved("photos", colours=[])


async def read_photo(_r: Request, conversation: Conversation, message: Message) -> Outcome:
    if message.photo is None:
        return "acat.bad.photo"
    photos = [*_strings(conversation, "photos"), message.photo.file_id][:PHOTOS_MAX]
    return conversation.moved("stock" if len(photos) >= PHOTOS_MAX else "photos", photos=photos)


async def photos_done(_r: Request, conversation: Conversation) -> Outcome:
    return conversation.moved("stock")


async def read_stock(request: Request, conversation: Conversation, message: Message) -> Outcome:
    labels = grid_labels(conversation)
    stocks = parse_stock_list(message.text or "", len(labels))
    if stocks is None:
        return "acat.bad.stock_list"
    new = NewProduct(
        category_id=conversation.integer("category_id") or 0,
        title=str(conversation.data.get("title", "")),
        description=str(conversation.data.get("description", "")),
        price=conversation.integer("price") or 0,
        sizes=_strings(conversation, "sizes"),
        colours=_colours(conversation),
        photo_file_ids=_strings(conversation, "photos"),
    )
    try:
        product_id, variant_ids = await create_product(request.user_id, new)
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    changes = [StockChange(v, "set", n) for v, n in zip(variant_ids, stocks, strict=True) if n]
    if changes:
        problem = refusal_key(await change_stock(request, changes))
        if problem is not None:
            await message.reply_text(request.t(problem))
    await message.reply_text(request.t("acat.product.created"))
    await send_product(request, product_id)
    return DONE


define(
    KIND,
    {
        "title": Step(_asker("acat.ask.title", limit=TITLE_MAX), read_title),
        "description": Step(_asker("acat.ask.description"), read_about, skip_about),
        "price": Step(_asker("acat.ask.price"), read_price),
        "sizes": Step(_asker("acat.ask.sizes"), read_sizes),
        "colours": Step(_asker("acat.ask.colours"), read_colours, skip_colours),
        "photos": Step(ask_photos, read_photo, photos_done, "acat.photos.done"),
        "stock": Step(ask_stock, read_stock),
    },
)


async def start(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id = callback.integer(0) or 0
    if await get_category(category_id) is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, KIND, "title", category_id=category_id)


def register(router: Router) -> None:
    router.on_callback(a.PRODUCT_NEW, start)
