"""My orders (the menu's button and `/orders`): the shopper's latest orders with their
status and items. It only ever reads the presser's own orders."""

from __future__ import annotations

from pyrogram import filters
from pyrogram.types import CallbackQuery, Message

from bot.callbacks import Callback
from bot.context import Request
from bot.orders.actions import MY_ORDERS
from bot.orders.views import order_entry
from bot.router import Router
from bot.screens import send_screen, show_screen
from bot.shop.menu import back_to_menu
from models.orders import list_items, list_user_orders
from models.users import users_id_of

#: The orders shown; older ones are left out (one message, well within Telegram's limit).
SHOWN_ORDERS = 10


async def my_orders_text(request: Request) -> str:
    user_id = await users_id_of(request.user_id)
    orders = await list_user_orders(user_id, limit=SHOWN_ORDERS) if user_id is not None else []
    if not orders:
        return request.t("orders.list_empty")
    entries = [order_entry(order, await list_items(order.id), request.language) for order in orders]
    return "\n\n".join([request.t("orders.list_title"), *entries])


async def show_my_orders(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, await my_orders_text(request), back_to_menu(request))


async def send_my_orders(request: Request, _message: Message) -> None:
    await send_screen(request, await my_orders_text(request), back_to_menu(request))


def register(router: Router) -> None:
    router.on_message(send_my_orders, filters.private & filters.command("orders"))
    router.on_callback(MY_ORDERS, show_my_orders)
