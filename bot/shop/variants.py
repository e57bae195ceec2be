"""Choosing a variant and a quantity, and putting them in the cart.

A size button on a card asks "how many?" in a new message (1 up to the stock, at most
`MAX_LINE_QUANTITY`); a quantity button puts that many in the cart and turns the
question into a confirmation. Stock is re-read on every press: a size sold out or a
quantity no longer in stock since the button was shown is refused politely.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from bot.money import format_price
from bot.router import Router
from bot.screens import refuse, send_screen, show_screen
from bot.shop.actions import ADD_TO_CART, CART, CATEGORY, PICK_VARIANT
from bot.shop.card import variant_label
from models.carts import MAX_CART_LINES, MAX_LINE_QUANTITY, add_to_cart_of, count_lines_of
from models.storefront import OfferedVariant, offered_variant

QUANTITIES_PER_ROW = 5


def most_addable(offered: OfferedVariant) -> int:
    return min(offered.variant.stock, MAX_LINE_QUANTITY)


def quantity_markup(request: Request, offered: OfferedVariant) -> InlineKeyboardMarkup:
    quantities = [
        button(request, str(quantity), ADD_TO_CART, offered.variant.id, quantity)
        for quantity in range(1, most_addable(offered) + 1)
    ]
    return keyboard(*in_rows(quantities, QUANTITIES_PER_ROW))


async def pick_variant(request: Request, query: CallbackQuery, callback: Callback) -> None:
    variant_id = callback.integer(0)
    if variant_id is None:
        await refuse(request, query, "stale_button")
        return
    offered = await offered_variant(variant_id)
    if offered is None:
        await refuse(request, query, "catalog.variant_gone")
        return
    text = request.t(
        "catalog.choose_quantity",
        title=offered.product.title,
        variant=variant_label(offered.variant.size, offered.variant.colour),
        price=format_price(offered.product.price, request.deps.settings.currency),
    )
    await send_screen(request, text, quantity_markup(request, offered))
    await query.answer()


async def add_variant(request: Request, query: CallbackQuery, callback: Callback) -> None:
    variant_id, quantity = callback.integer(0), callback.integer(1)
    if variant_id is None or quantity is None:
        await refuse(request, query, "stale_button")
        return
    offered = await offered_variant(variant_id)
    if offered is None:
        await refuse(request, query, "catalog.variant_gone")
        return
    if not 1 <= quantity <= most_addable(offered):
        await refuse(request, query, "catalog.quantity_unavailable")
        return
    in_cart = await add_to_cart_of(
        request.user_id, variant_id, quantity, limit=most_addable(offered)
    )
    if in_cart is None:  # a full cart, or the variant was deleted a moment ago
        full = await count_lines_of(request.user_id) >= MAX_CART_LINES
        await refuse(request, query, "catalog.cart_full" if full else "catalog.variant_gone")
        return
    at_most = in_cart >= most_addable(offered)
    text = request.t(
        "catalog.added_max" if at_most else "catalog.added",
        title=offered.product.title,
        variant=variant_label(offered.variant.size, offered.variant.colour),
        quantity=in_cart,
    )
    markup = keyboard(
        [button(request, request.t("catalog.to_cart"), CART)],
        [button(request, request.t("catalog.continue"), CATEGORY, offered.product.category, 0)],
    )
    await show_screen(request, query, text, markup, toast=request.t("catalog.added_toast"))


def register(router: Router) -> None:
    router.on_callback(PICK_VARIANT, pick_variant)
    router.on_callback(ADD_TO_CART, add_variant)
