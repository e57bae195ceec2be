"""The catalogue: visible categories in order, a category's offered products page by
page, and a product's card.

Only offered products are listed (available, in a visible category, something in
stock; see `models.catalogue`). A button naming a category or a product that has
gone meanwhile gets a short answer and the nearest screen that still makes sense.
"""

from __future__ import annotations

from math import ceil

from pyrogram.types import CallbackQuery, InlineKeyboardButton

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.money import format_price
from bot.router import Router
from bot.screens import refuse, show_screen
from bot.shop.actions import CATEGORIES, CATEGORY, MENU, PRODUCT
from bot.shop.card import send_product_card
from bot.text_limits import cut
from models.storefront import (
    ShopProduct,
    category_page,
    list_visible_categories,
    offered_product,
)

PAGE_SIZE = 6
#: Product titles in list buttons are cut to this length (the card shows them whole).
BUTTON_TITLE_LENGTH = 40


async def show_categories(
    request: Request,
    query: CallbackQuery,
    _callback: Callback | None = None,
    *,
    toast: str | None = None,
) -> None:
    categories = await list_visible_categories()
    back = [button(request, request.t("menu.back"), MENU)]
    if not categories:
        await show_screen(request, query, request.t("catalog.empty"), keyboard(back), toast=toast)
        return
    rows = [[button(request, category.name, CATEGORY, category.id, 0)] for category in categories]
    await show_screen(
        request, query, request.t("catalog.categories"), keyboard(*rows, back), toast=toast
    )


async def show_category(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id, page = callback.integer(0), callback.integer(1)
    if category_id is None or page is None or page < 0:
        await refuse(request, query, "stale_button")
        return
    found = await category_page(category_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    if found is None:
        await show_categories(request, query, toast=request.t("catalog.category_gone"))
        return
    pages = max(1, ceil(found.total / PAGE_SIZE))
    if page >= pages:  # products went since the button was made: show the last page
        page = pages - 1
        found = await category_page(category_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
        if found is None:
            await show_categories(request, query, toast=request.t("catalog.category_gone"))
            return
    category, products = found.category, found.products
    back = [button(request, request.t("catalog.to_categories"), CATEGORIES)]
    if not products:
        text = request.t("catalog.category_empty", category=category.name)
        await show_screen(request, query, text, keyboard(back))
        return
    text = request.t("catalog.category_page", category=category.name, page=page + 1, pages=pages)
    rows = [[_product_button(request, product, page)] for product in products]
    paging = _paging(request, category_id, page, pages)
    await show_screen(request, query, text, keyboard(*rows, paging, back))


def _product_button(request: Request, product: ShopProduct, page: int) -> InlineKeyboardButton:
    label = request.t(
        "catalog.product_button",
        title=cut(product.title, BUTTON_TITLE_LENGTH),
        price=format_price(product.price, request.deps.settings.currency),
    )
    return button(request, label, PRODUCT, product.id, page)


def _paging(
    request: Request, category_id: int, page: int, pages: int
) -> list[InlineKeyboardButton]:
    paging = []
    if page > 0:
        paging.append(
            button(request, request.t("catalog.previous"), CATEGORY, category_id, page - 1)
        )
    if page + 1 < pages:
        paging.append(button(request, request.t("catalog.next"), CATEGORY, category_id, page + 1))
    return paging


async def show_product(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id, page = callback.integer(0), callback.integer(1)
    if product_id is None or page is None or page < 0:
        await refuse(request, query, "stale_button")
        return
    offered = await offered_product(product_id)
    if offered is None:
        await refuse(request, query, "catalog.product_gone")
        return
    await send_product_card(request, offered, page=page)
    await query.answer()


def register(router: Router) -> None:
    router.on_callback(CATEGORIES, show_categories)
    router.on_callback(CATEGORY, show_category)
    router.on_callback(PRODUCT, show_product)
