"""The main menu (Catalogue, Cart, My orders, Waiting for, Help and contacts, Language), the help
screen and the language switch.

"My orders" sends the action `orders.list` and "Checkout" (in the cart) `checkout.start`:
the orders and checkout features register those.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.router import Router
from bot.screens import send_screen, show_screen
from bot.shop.actions import CART, CATEGORIES, HELP, MENU, ORDERS, SET_LANGUAGE, WAITS
from bot.shop.language_switch import language_button, switch_language


def menu_markup(request: Request) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("menu.catalogue"), CATEGORIES)],
        [
            button(request, request.t("menu.cart"), CART),
            button(request, request.t("menu.orders"), ORDERS),
        ],
        [button(request, request.t("waits.menu"), WAITS)],
        [button(request, request.t("menu.help"), HELP)],
        [language_button(request)],
    )


def back_to_menu(request: Request) -> InlineKeyboardMarkup:
    return keyboard([button(request, request.t("menu.back"), MENU)])


async def send_menu(request: Request, text: str | None = None) -> None:
    """The menu as a new message, under `text` (the menu's title by default)."""
    await send_screen(request, text or request.t("menu.title"), menu_markup(request))


async def show_menu(
    request: Request, query: CallbackQuery, _callback: Callback | None = None
) -> None:
    await show_screen(request, query, request.t("menu.title"), menu_markup(request))


def help_text(request: Request) -> str:
    contacts = request.deps.settings.shop_contacts.strip()
    lines = [request.t("menu.help_text")]
    if contacts:
        lines.append(request.t("menu.contacts", contacts=contacts))
    return "\n\n".join(lines)


async def show_help(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, help_text(request), back_to_menu(request))


async def handle_switch_language(
    request: Request, query: CallbackQuery, callback: Callback
) -> None:
    switched = await switch_language(request, callback)
    if switched is None:
        await query.answer(request.t("stale_button"))
        return
    await show_screen(
        switched,
        query,
        switched.t("menu.title"),
        menu_markup(switched),
        toast=switched.t("menu.language_changed"),
    )


def register(router: Router) -> None:
    router.on_callback(MENU, show_menu)
    router.on_callback(HELP, show_help)
    router.on_callback(SET_LANGUAGE, handle_switch_language)
