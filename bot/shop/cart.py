"""The cart: its lines with quantities and the total, changing a quantity, removing a
line, clearing it, and the way to checkout (`checkout.start`, registered by checkout).

Lines that cannot be ordered (sold out, short of stock, withdrawn, or removed from the
shop meanwhile) are listed with the reason and left out of the total; the shopper can
still remove them. Every button names a cart line by id, and every handler acts only
on a line of the presser's own cart: a line id that is not theirs changes nothing.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from bot.money import format_price
from bot.router import Router
from bot.screens import refuse, show_screen
from bot.shop.actions import (
    CART,
    CART_CLEAR,
    CART_CLEAR_CONFIRMED,
    CART_LINE,
    CART_QUANTITY,
    CART_REMOVE,
    CATEGORIES,
    CHECKOUT,
    MENU,
)
from bot.shop.card import variant_label
from bot.text_limits import cut
from models.carts import (
    AnyLine,
    Cart,
    CartLine,
    LineState,
    clear_cart_of,
    get_line_of,
    load_cart_of,
    remove_line_of,
    set_line_quantity,
)

QUANTITIES_PER_ROW = 5
#: Titles in the cart's line buttons are cut to this length.
BUTTON_TITLE_LENGTH = 24
#: Lines that can still change quantity (a short line can be lowered to the stock).
ADJUSTABLE = (LineState.AVAILABLE, LineState.SHORT)
UNAVAILABLE_LINE_KEYS = {
    LineState.SHORT: "cart.line_short",
    LineState.SOLD_OUT: "cart.line_sold_out",
    LineState.WITHDRAWN: "cart.line_withdrawn",
    LineState.REMOVED: "cart.line_removed",
}
REASON_KEYS = {
    LineState.SOLD_OUT: "cart.reason_sold_out",
    LineState.WITHDRAWN: "cart.reason_withdrawn",
    LineState.REMOVED: "cart.reason_removed",
}


def line_text(request: Request, number: int, line: AnyLine) -> str:
    values: dict[str, object] = {
        "number": number,
        "title": line.title,
        "variant": variant_label(line.size, line.colour),
        "quantity": line.quantity,
    }
    if isinstance(line, CartLine) and line.state is LineState.AVAILABLE:
        return request.t(
            "cart.line",
            price=format_price(line.unit_price, request.deps.settings.currency),
            subtotal=format_price(line.subtotal, request.deps.settings.currency),
            **values,
        )
    stock = line.stock if isinstance(line, CartLine) else 0
    return request.t(UNAVAILABLE_LINE_KEYS[line.state], stock=stock, **values)


def cart_text(request: Request, cart: Cart) -> str:
    if not cart.lines:
        return request.t("cart.empty")
    parts = [
        request.t("cart.title"),
        *(line_text(request, number, line) for number, line in enumerate(cart.lines, 1)),
        request.t("cart.total", total=format_price(cart.total, request.deps.settings.currency)),
    ]
    if cart.unavailable:
        parts.append(request.t("cart.unavailable_note"))
    return "\n\n".join(parts)


def cart_markup(request: Request, cart: Cart) -> InlineKeyboardMarkup:
    shop = [
        button(request, request.t("cart.catalogue"), CATEGORIES),
        button(request, request.t("menu.back"), MENU),
    ]
    if not cart.lines:
        return keyboard(shop)
    line_rows = [
        [
            button(
                request,
                request.t(
                    "cart.edit_line",
                    number=number,
                    title=cut(line.title, BUTTON_TITLE_LENGTH),
                    quantity=line.quantity,
                ),
                CART_LINE,
                line.line_id,
            )
        ]
        for number, line in enumerate(cart.lines, 1)
    ]
    checkout = [button(request, request.t("cart.checkout"), CHECKOUT)] if cart.available else []
    return keyboard(
        *line_rows,
        checkout,
        [button(request, request.t("cart.clear"), CART_CLEAR)],
        shop,
    )


async def show_cart(
    request: Request,
    query: CallbackQuery,
    _callback: Callback | None = None,
    *,
    toast: str | None = None,
) -> None:
    cart = await load_cart_of(request.user_id)
    await show_screen(
        request, query, cart_text(request, cart), cart_markup(request, cart), toast=toast
    )


async def _own_line(
    request: Request, query: CallbackQuery, line_id: int | None
) -> tuple[int, AnyLine] | None:
    """(users.id, line) for the presser's cart line `line_id`, or None after a polite
    refusal when it is not a line of their cart (any more)."""
    owned = await get_line_of(request.user_id, line_id) if line_id is not None else None
    if owned is None:
        await refuse(request, query, "cart.not_your_line")
    return owned


def line_editor(request: Request, line: AnyLine) -> tuple[str, InlineKeyboardMarkup]:
    variant = variant_label(line.size, line.colour)
    remove = [button(request, request.t("cart.remove"), CART_REMOVE, line.line_id)]
    back = [button(request, request.t("cart.back"), CART)]
    if isinstance(line, CartLine) and line.state in ADJUSTABLE:
        text = request.t(
            "cart.line_editor",
            title=line.title,
            variant=variant,
            price=format_price(line.unit_price, request.deps.settings.currency),
            quantity=line.quantity,
        )
        quantities = [
            button(
                request,
                f"· {quantity} ·" if quantity == line.quantity else str(quantity),
                CART_QUANTITY,
                line.line_id,
                quantity,
            )
            for quantity in range(1, line.max_quantity + 1)
        ]
        return text, keyboard(*in_rows(quantities, QUANTITIES_PER_ROW), remove, back)
    text = request.t(
        "cart.line_editor_unavailable",
        title=line.title,
        variant=variant,
        quantity=line.quantity,
        reason=request.t(REASON_KEYS[line.state]),
    )
    return text, keyboard(remove, back)


async def edit_line(request: Request, query: CallbackQuery, callback: Callback) -> None:
    owned = await _own_line(request, query, callback.integer(0))
    if owned is not None:
        text, markup = line_editor(request, owned[1])
        await show_screen(request, query, text, markup)


async def change_quantity(request: Request, query: CallbackQuery, callback: Callback) -> None:
    owned = await _own_line(request, query, callback.integer(0))
    if owned is None:
        return
    user_id, line = owned
    quantity = callback.integer(1)
    if (
        not isinstance(line, CartLine)
        or line.state not in ADJUSTABLE
        or quantity is None
        or not 1 <= quantity <= line.max_quantity
    ):
        await refuse(request, query, "cart.quantity_unavailable")
        return
    if not await set_line_quantity(user_id, line.line_id, quantity):
        await refuse(request, query, "cart.not_your_line")  # removed a moment ago
        return
    await show_cart(request, query, toast=request.t("cart.quantity_changed"))


async def remove(request: Request, query: CallbackQuery, callback: Callback) -> None:
    line_id = callback.integer(0)
    if line_id is None or not await remove_line_of(request.user_id, line_id):
        await refuse(request, query, "cart.not_your_line")
        return
    await show_cart(request, query, toast=request.t("cart.removed"))


async def ask_to_clear(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    markup = keyboard(
        [
            button(request, request.t("cart.clear_yes"), CART_CLEAR_CONFIRMED),
            button(request, request.t("cart.clear_no"), CART),
        ]
    )
    await show_screen(request, query, request.t("cart.clear_confirm"), markup)


async def clear(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await clear_cart_of(request.user_id)
    await show_cart(request, query, toast=request.t("cart.cleared"))


def register(router: Router) -> None:
    router.on_callback(CART, show_cart)
    router.on_callback(CART_LINE, edit_line)
    router.on_callback(CART_QUANTITY, change_quantity)
    router.on_callback(CART_REMOVE, remove)
    router.on_callback(CART_CLEAR, ask_to_clear)
    router.on_callback(CART_CLEAR_CONFIRMED, clear)
