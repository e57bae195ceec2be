"""Checkout's summary (items, total, answers) with Confirm / Edit / Cancel, the edit menu,
and the list of cart lines that cannot be checked out."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import InlineKeyboardMarkup

from bot.checkout.actions import BACK, CANCEL, CONFIRM, EDIT, EDIT_FIELD
from bot.checkout.flow import ADDRESS, COMMENT, DELIVERY, EDITABLE, NAME, PHONE
from bot.checkout.prompts import say_and_close_keyboard
from bot.context import Request
from bot.keyboards import button, in_rows, keyboard
from bot.money import format_price
from bot.orders.views import delivery_label, item_line
from bot.screens import send_screen
from bot.shop.card import variant_label
from bot.text_limits import MESSAGE_LIMIT, cut
from models.carts import AnyLine, CartLine, LineState
from models.checkout import Checkout

REASON_KEYS = {
    LineState.SHORT: "checkout.reason.short",
    LineState.SOLD_OUT: "checkout.reason.sold_out",
    LineState.WITHDRAWN: "checkout.reason.withdrawn",
    LineState.REMOVED: "checkout.reason.removed",
}


def unavailable_lines(request: Request, lines: Sequence[AnyLine]) -> str:
    """Each line that cannot be ordered, with the reason."""
    return "\n".join(
        request.t(
            "checkout.unavailable_line",
            item=f"{line.title}, {variant_label(line.size, line.colour)} × {line.quantity}",
            reason=request.t(
                REASON_KEYS[line.state],
                stock=line.stock if isinstance(line, CartLine) else 0,
            ),
        )
        for line in lines
    )


def summary_text(request: Request, checkout: Checkout, lines: Sequence[CartLine]) -> str:
    currency = request.deps.settings.currency
    items = "\n".join(
        item_line(
            request.language,
            title=line.title,
            size=line.size,
            colour=line.colour,
            quantity=line.quantity,
            unit_price=line.unit_price,
            currency=currency,
        )
        for line in lines
    )
    address, comment = checkout.value(ADDRESS), checkout.value(COMMENT)
    online = request.deps.settings.takes_online_payments
    text = request.t(
        "checkout.summary",
        items=items,
        total=format_price(sum(line.subtotal for line in lines), currency),
        name=checkout.value(NAME),
        phone=checkout.value(PHONE),
        delivery=delivery_label(checkout.value(DELIVERY), request.language),
        address=request.t("checkout.summary_address", address=address) if address else "",
        comment=request.t("checkout.summary_comment", comment=comment) if comment else "",
        payment=request.t("checkout.payment.online" if online else "checkout.payment.on_delivery"),
    )
    return cut(text, MESSAGE_LIMIT)


def confirm_markup(request: Request, key: str) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("checkout.confirm"), CONFIRM, key)],
        [
            button(request, request.t("checkout.edit"), EDIT, key),
            button(request, request.t("checkout.cancel"), CANCEL, key),
        ],
    )


def edit_markup(request: Request, key: str) -> InlineKeyboardMarkup:
    fields = [
        button(request, request.t(f"checkout.edit.{field}"), EDIT_FIELD, key, field)
        for field in EDITABLE
    ]
    return keyboard(*in_rows(fields, 2), [button(request, request.t("checkout.back"), BACK, key)])


async def send_summary(request: Request, checkout: Checkout, lines: Sequence[CartLine]) -> None:
    """The summary (which also closes the questions' keyboard), then the question with
    Confirm / Edit / Cancel."""
    await say_and_close_keyboard(request, summary_text(request, checkout, lines))
    await send_screen(
        request, request.t("checkout.confirm_question"), confirm_markup(request, checkout.key)
    )
