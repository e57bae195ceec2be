"""The Channel section's keyboards: a button per product (publish or unpublish), paging,
and the way back to the admin menu."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.actions import MENU
from bot.admin.channel.actions import CHANNEL_PAGE, PUBLISH, UNPUBLISH
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.text_limits import cut
from models.catalogue import Product

#: Button labels longer than this are cut (Telegram shows little more on a phone).
LABEL_LIMIT = 48


def products_markup(
    request: Request,
    products: Sequence[Product],
    published: set[int],
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    for product in products:
        title = cut(product.title, LABEL_LIMIT)
        if product.id in published:
            label = request.t("channel.unpublish", title=title)
            rows.append([button(request, label, UNPUBLISH, product.id, page)])
        else:
            label = request.t("channel.publish", title=title)
            rows.append([button(request, label, PUBLISH, product.id, page)])
    paging: list[InlineKeyboardButton] = []
    if page > 0:
        paging.append(button(request, request.t("channel.previous"), CHANNEL_PAGE, page - 1))
    if page + 1 < pages:
        paging.append(button(request, request.t("channel.next"), CHANNEL_PAGE, page + 1))
    return keyboard(*rows, paging, [button(request, request.t("admin.menu.back"), MENU)])


def back_markup(request: Request, page: int) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("channel.section"), CHANNEL_PAGE, page)],
        [button(request, request.t("admin.menu.back"), MENU)],
    )
