"""How a customer reads on admin screens: pure functions of the stored rows."""

from __future__ import annotations

from datetime import datetime

from bot.context import Request
from bot.money import format_price
from models.customers import OrderHistory
from models.users import User


def full_name(user: User) -> str:
    return " ".join(part for part in (user.first_name, user.last_name) if part) or "—"


def customer_label(user: User) -> str:
    """One line naming a customer: name, @username, id."""
    username = f" @{user.username}" if user.username else ""
    return f"{full_name(user)}{username} · {user.telegram_id}"


def when(moment: datetime | None) -> str:
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def customer_text(request: Request, user: User, history: OrderHistory, *, is_admin: bool) -> str:
    orders = "\n".join(
        request.t(
            "cust.order_line",
            number=order.number,
            status=request.t(f"orders.status.{order.status}"),
            total=format_price(order.total, order.currency),
            date=when(order.created_at),
        )
        for order in history.latest
    )
    text = request.t(
        "cust.screen",
        name=full_name(user),
        id=user.telegram_id,
        username=f"@{user.username}" if user.username else "—",
        phone=user.phone or "—",
        lang=user.language,
        joined=when(user.created_at),
        active=when(user.last_active_at),
        state=request.t("cust.state.banned" if user.is_banned else "cust.state.active"),
        count=history.count,
        spent=format_price(history.spent, history.currency),
    )
    if is_admin:
        text += "\n" + request.t("cust.is_admin")
    return f"{text}\n\n{orders}" if orders else text
