"""A product card: photos (one, or an album of up to 10), title, description, price,
the variants in stock as buttons and the sold-out ones as text, each sold-out one with
a "Notify me" button (back in stock: `bot.shop.waits`).

A single photo carries the card as its caption and the size buttons. An album cannot
carry buttons, so the buttons follow in a short message. Without photos the card is a
text message, split if it is over Telegram's limit. In a caption (1024) the
description is what gets shortened: title, price and sizes always show.
"""

from __future__ import annotations

from pyrogram.enums import ParseMode
from pyrogram.types import InlineKeyboardMarkup

from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from bot.money import format_price
from bot.screens import send_screen
from bot.shop.actions import CART, CATEGORY, PICK_VARIANT, WAIT_FOR
from bot.shop.photos import send_album, send_photo, usable_photos
from bot.text_limits import CAPTION_LIMIT, cut, split, telegram_length
from models.storefront import OfferedProduct, ShopVariant

SIZES_PER_ROW = 3


def variant_label(size: str, colour: str | None) -> str:
    """The variant as shoppers read it: the size, and the colour when there is one."""
    return f"{size} · {colour}" if colour else size


def _variants(variants: list[ShopVariant]) -> str:
    return ", ".join(variant_label(v.size, v.colour) for v in variants)


def card_text(request: Request, offered: OfferedProduct, limit: int | None = None) -> str:
    """The card's text; with `limit`, the description is cut so the whole fits."""
    product = offered.product
    tail = [
        format_price(product.price, request.deps.settings.currency),
        request.t("catalog.in_stock", variants=_variants(offered.in_stock)),
    ]
    if offered.sold_out:
        tail.append(request.t("catalog.sold_out", variants=_variants(offered.sold_out)))
    head = product.title
    tail_text = "\n".join(tail)
    description = product.description.strip()
    if description and limit is not None:
        room = limit - telegram_length(f"{head}\n\n\n\n{tail_text}")
        description = cut(description, room) if room > 1 else ""
    text = "\n\n".join(part for part in (head, description, tail_text) if part)
    return text if limit is None else cut(text, limit)


def card_markup(request: Request, offered: OfferedProduct, page: int) -> InlineKeyboardMarkup:
    sizes = [
        button(request, variant_label(v.size, v.colour), PICK_VARIANT, v.id)
        for v in offered.in_stock
    ]
    notify = [
        [
            button(
                request,
                request.t("waits.notify_me", variant=variant_label(v.size, v.colour)),
                WAIT_FOR,
                v.id,
            )
        ]
        for v in offered.sold_out
    ]
    return keyboard(
        *in_rows(sizes, SIZES_PER_ROW),
        *notify,
        [
            button(
                request, request.t("catalog.to_category"), CATEGORY, offered.product.category, page
            ),
            button(request, request.t("menu.cart"), CART),
        ],
    )


async def send_product_card(request: Request, offered: OfferedProduct, *, page: int = 0) -> None:
    """The card as new messages in the user's chat; `page` is the category page its
    back button returns to."""
    markup = card_markup(request, offered, page)
    photos = await usable_photos(offered.photos)
    if len(photos) == 1:
        await send_photo(request, photos[0], card_text(request, offered, CAPTION_LIMIT), markup)
    elif photos:
        await send_album(request, photos, card_text(request, offered, CAPTION_LIMIT))
        await send_screen(
            request, request.t("catalog.choose_size", title=offered.product.title), markup
        )
    else:
        *first, last = split(card_text(request, offered))
        for piece in first:
            await request.client.send_message(request.user_id, piece, parse_mode=ParseMode.DISABLED)
        await send_screen(request, last, markup)
