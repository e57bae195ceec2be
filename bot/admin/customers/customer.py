"""One customer's screen (who they are, their orders and totals) and banning them.

Nobody bans an admin or a superadmin: the button is not shown for them, and the server
refuses a replayed or forged press all the same. A ban takes effect at the customer's
next update (the update reader reads the flag every time): they are told once and then
ignored. Unbanning tells them nothing.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.admin.customers import actions as a
from bot.admin.customers.keyboards import customer_keyboard
from bot.admin.customers.views import customer_text
from bot.callbacks import Callback
from bot.context import Request
from bot.roles import Role, role_of
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.customers import CustomerNotFound, order_history, set_customer_banned
from models.users import get_user


async def customer_screen(
    request: Request, customer_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The screen of the customer, or None when the shop has no such user."""
    user = await get_user(customer_id)
    if user is None:
        return None
    history = await order_history(int(user.id))
    is_admin = await role_of(request.deps.settings, customer_id) >= Role.ADMIN
    text = customer_text(request, user, history, is_admin=is_admin)
    markup = customer_keyboard(request, customer_id, banned=user.is_banned, may_ban=not is_admin)
    return text, markup


async def send_customer(request: Request, customer_id: int) -> None:
    screen = await customer_screen(request, customer_id)
    if screen is None:
        await send_screen(request, request.t("cust.gone"))
        return
    await send_screen(request, *screen)


async def show_customer(request: Request, query: CallbackQuery, callback: Callback) -> None:
    screen = await customer_screen(request, callback.integer(0) or 0)
    if screen is None:
        await query.answer(request.t("cust.gone"), show_alert=True)
        return
    await show_screen(request, query, *screen)


async def ban(request: Request, query: CallbackQuery, callback: Callback) -> None:
    customer_id, banned = callback.integer(0) or 0, callback.integer(1) == 1
    if banned and await role_of(request.deps.settings, customer_id) >= Role.ADMIN:
        await query.answer(request.t("cust.ban.admin"), show_alert=True)
        return
    try:
        changed = await set_customer_banned(
            request.deps.statuses, request.user_id, customer_id, banned
        )
    except CustomerNotFound:
        await query.answer(request.t("cust.gone"), show_alert=True)
        return
    screen = await customer_screen(request, customer_id)
    if screen is None:  # deleted in between: nothing more to show
        await query.answer(request.t("cust.gone"), show_alert=True)
        return
    if not changed:
        toast = request.t("cust.ban.already" if banned else "cust.unban.already")
    else:
        toast = request.t("cust.ban.done" if banned else "cust.unban.done")
    await show_screen(request, query, *screen, toast=toast)


def register(router: Router) -> None:
    router.on_callback(a.CUSTOMER, show_customer)
    router.on_callback(a.BAN, ban)
