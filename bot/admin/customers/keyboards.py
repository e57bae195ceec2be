"""The Customers section's keyboards: pure functions of what they show."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import InlineKeyboardMarkup

from bot.admin.actions import MENU
from bot.admin.customers import actions as a
from bot.admin.customers.views import customer_label
from bot.context import Request
from bot.keyboards import Row, button, keyboard
from models.users import User


def results_keyboard(request: Request, users: Sequence[User]) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [button(request, customer_label(user), a.CUSTOMER, int(user.telegram_id))] for user in users
    ]
    return keyboard(*rows, *tail(request))


def customer_keyboard(
    request: Request, customer_id: int, *, banned: bool, may_ban: bool
) -> InlineKeyboardMarkup:
    """The customer screen's buttons; no Ban for an admin (the server refuses it too)."""
    ban: Row = []
    if banned:
        ban = [button(request, request.t("cust.unban"), a.BAN, customer_id, 0)]
    elif may_ban:
        ban = [button(request, request.t("cust.ban"), a.BAN, customer_id, 1)]
    return keyboard(
        [button(request, request.t("cust.message"), a.MESSAGE_CUSTOMER, customer_id)],
        ban,
        *tail(request),
    )


def back_to_customer(request: Request, customer_id: int) -> InlineKeyboardMarkup:
    return keyboard([button(request, request.t("cust.back"), a.CUSTOMER, customer_id)])


def reply_keyboard(request: Request, customer_id: int) -> InlineKeyboardMarkup:
    """Under a customer's reply, in the admin's chat: answer again, or open the customer."""
    return keyboard(
        [button(request, request.t("cust.reply.answer"), a.MESSAGE_CUSTOMER, customer_id)],
        [button(request, request.t("cust.back"), a.CUSTOMER, customer_id)],
    )


def tail(request: Request) -> list[Row]:
    return [
        [button(request, request.t("cust.find.again"), a.CUSTOMERS)],
        [button(request, request.t("admin.menu.back"), MENU)],
    ]
