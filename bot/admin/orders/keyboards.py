"""The order desk's keyboards: pure functions of what they show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pyrogram.types import InlineKeyboardMarkup

from bot.admin.actions import CANCEL, MENU
from bot.admin.orders import actions as a
from bot.context import Request
from bot.keyboards import Row, button, keyboard
from bot.money import format_price
from bot.orders.views import status_label
from models.order_desk import OrderLine
from models.order_history import CANCEL_REASONS
from models.order_statuses import STATUSES


def desk_keyboard(request: Request, counts: Mapping[str, int]) -> InlineKeyboardMarkup:
    """A button per status (with its count), Find, and back to the menu."""

    def label(status: str) -> str:
        name = status_label(status, request.language)
        return request.t("aord.status", status=name, count=counts.get(status, 0))

    return keyboard(
        *([button(request, label(status), a.LIST, status, 0, 0)] for status in STATUSES),
        [button(request, request.t("aord.find"), a.FIND)],
        [button(request, request.t("admin.menu.back"), MENU)],
    )


def order_buttons(request: Request, orders: Sequence[OrderLine]) -> list[Row]:
    return [
        [
            button(
                request,
                request.t(
                    "aord.line",
                    number=order.id,
                    name=order.customer_name,
                    total=format_price(order.total, order.currency),
                ),
                a.OPEN,
                order.id,
            )
        ]
        for order in orders
    ]


def list_keyboard(
    request: Request, status: str, orders: Sequence[OrderLine], page: int, has_more: bool
) -> InlineKeyboardMarkup:
    """The page's orders, then Older (when there are more) and Newest (past page 1)."""
    paging: Row = []
    if page > 0:
        paging = [button(request, request.t("aord.newest"), a.LIST, status, 0, 0)]
    if has_more and orders:
        older = button(request, request.t("aord.older"), a.LIST, status, orders[-1].id, page + 1)
        paging = [*paging, older]
    return keyboard(
        *order_buttons(request, orders),
        paging,
        [button(request, request.t("aord.back"), a.DESK)],
    )


def found_keyboard(request: Request, orders: Sequence[OrderLine]) -> InlineKeyboardMarkup:
    return keyboard(
        *order_buttons(request, orders),
        [button(request, request.t("aord.find"), a.FIND)],
        [button(request, request.t("aord.back"), a.DESK)],
    )


def reason_keyboard(request: Request, order_id: int) -> InlineKeyboardMarkup:
    """A button per common cancel reason, and Keep the order (leaves the question)."""
    return keyboard(
        *(
            [button(request, request.t(f"aord.reason.{code}"), a.REASON, order_id, code)]
            for code in CANCEL_REASONS
        ),
        [button(request, request.t("aord.keep"), CANCEL)],
    )
