"""What the admins' order desk reads: orders by status, a page at a time, and orders
found by number or by the customer's phone. Reads only: moves go through the order
processor (`models.orders.change_status`).

Pages are keyset pages on the order id (newest first), so page 50 costs what page 1
does; the desk's buttons carry the last id seen, not an offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.ids import is_serial_id
from models.order_statuses import STATUSES
from models.orders import Order
from runtime.db_raw import fetch_rows

#: Orders on one page of the desk.
PAGE_SIZE = 10
#: Orders a phone search shows at most (newest first).
FOUND_LIMIT = 10
#: The fewest digits a phone search needs (fewer would match nearly every order).
PHONE_DIGITS_MIN = 5
_NUMBER = re.compile(r"#?\s*(?:№\s*)?([0-9]{1,10})")
_NOT_DIGITS = re.compile(r"[^0-9]")


@dataclass(frozen=True, slots=True)
class OrderLine:
    """An order as a line of the desk's lists."""

    id: int
    status: str
    customer_name: str
    total: int
    currency: str


@dataclass(frozen=True, slots=True)
class OrderPage:
    orders: list[OrderLine]
    has_more: bool


def _lines(rows: list[dict[str, object]]) -> list[OrderLine]:
    return [
        OrderLine(
            int(str(row["id"])),
            str(row["status"]),
            str(row["customer_name"]),
            int(str(row["total"])),
            str(row["currency"]),
        )
        for row in rows
    ]


_COLUMNS = (Order.id, Order.status, Order.customer_name, Order.total, Order.currency)


async def count_by_status() -> dict[str, int]:
    """How many orders are in each status (every status present, zero if none)."""
    rows = await fetch_rows(Order, "SELECT status, count(*) AS n FROM orders GROUP BY status")
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[str(row["status"])] = int(row["n"])
    return counts


async def list_orders_page(status: str, *, before_id: int = 0) -> OrderPage:
    """The newest `PAGE_SIZE` orders in `status` whose id is below `before_id` (0: from
    the newest)."""
    query = Order.select(*_COLUMNS).where(Order.status == status)
    if before_id > 0:
        query = query.where(Order.id < before_id)
    rows = await query.order_by(Order.id, ascending=False).limit(PAGE_SIZE + 1).run()
    return OrderPage(_lines(rows[:PAGE_SIZE]), len(rows) > PAGE_SIZE)


def order_number(query: str) -> int | None:
    """The order number `query` names ("123", "#123", "№123"), or None."""
    match = _NUMBER.fullmatch(query.strip())
    if match is None:
        return None
    number = int(match.group(1))
    return number if is_serial_id(number) else None


def phone_digits(query: str) -> str | None:
    """The digits to look for in phones (the last 10 of a longer number, so +7 and 8
    prefixes both match), or None when `query` is not a phone."""
    if re.search(r"[^0-9+\-() ]", query.strip()):
        return None
    digits = _NOT_DIGITS.sub("", query)
    if len(digits) < PHONE_DIGITS_MIN or len(digits) > 15:
        return None
    return digits[-10:]


async def find_by_phone(digits: str) -> list[OrderLine]:
    """The newest orders whose phone contains `digits` (stored phones are digits with
    an optional leading +)."""
    rows = await (
        Order.select(*_COLUMNS)
        .where(Order.phone.like(f"%{digits}%"))
        .order_by(Order.id, ascending=False)
        .limit(FOUND_LIMIT)
        .run()
    )
    return _lines(rows)


async def order_exists(order_id: int) -> bool:
    return bool(await Order.exists().where(Order.id == order_id).run())
