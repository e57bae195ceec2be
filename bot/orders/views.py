"""How orders read, in a given language: money, items, statuses, delivery methods.

Functions take the reader's language rather than a `Request`, because the order
processor writes to customers and admins outside any update.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.language import Language
from bot.money import format_price
from bot.shop.card import variant_label
from bot.texts import text
from models.orders import Order, OrderItem

DATE_FORMAT = {"ru": "%d.%m.%Y", "en": "%d %b %Y"}


def status_label(status: str, language: Language) -> str:
    return text(f"orders.status.{status}", language)


def delivery_label(method: str, language: Language) -> str:
    return text(f"checkout.delivery.{method}", language)


def item_line(
    language: Language,
    *,
    title: str,
    size: str,
    colour: str | None,
    quantity: int,
    unit_price: int,
    currency: str,
) -> str:
    return text(
        "orders.item",
        language,
        title=title,
        variant=variant_label(size, colour),
        quantity=quantity,
        subtotal=format_price(unit_price * quantity, currency),
    )


def items_text(items: Iterable[OrderItem], currency: str, language: Language) -> str:
    return "\n".join(
        item_line(
            language,
            title=item.product_title,
            size=item.size,
            colour=item.colour,
            quantity=item.quantity,
            unit_price=item.unit_price,
            currency=currency,
        )
        for item in items
    )


def order_date(created_at: datetime, language: Language) -> str:
    return created_at.strftime(DATE_FORMAT[language])


def order_entry(order: Order, items: Iterable[OrderItem], language: Language) -> str:
    """One order in "My orders": number, date, status, items and total."""
    return text(
        "orders.list_entry",
        language,
        number=order.id,
        date=order_date(order.created_at, language),
        status=status_label(order.status, language),
        items=items_text(items, order.currency, language),
        total=format_price(order.total, order.currency),
    )
