"""Customers as the back office sees them: found by what an admin types (a Telegram id,
an @username or a phone), their orders and totals, and banning them.

A search query is read by a pure function (`read_query`) into the forms it can stand
for; a string of digits may be an id or a phone, so both are tried. Phones are matched
as Telegram and shoppers write them (`+79991234567`, `79991234567`, a Russian
`89991234567`), on the user's shared contact and on their orders' phones. Usernames
match case-insensitively and exactly. A ban is one transaction with its audit row
(before and after); who may be banned (never an admin) is the caller's check, since
roles come from settings as well as from the `admins` table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from piccolo.columns.combination import WhereRaw
from piccolo.query.functions.aggregate import Count, Sum

from models.admins import record_audit
from models.order_statuses import CANCELLED
from models.orders import Order
from models.text_cleaning import clean_text
from models.user_statuses import UserStatusCache
from models.users import User, set_banned
from runtime.db_transaction import atomic

#: Telegram user ids have at most 52 significant bits.
TELEGRAM_ID_MAX = 2**52 - 1
SEARCH_RESULTS_MAX = 10
LAST_ORDERS = 5
QUERY_MAX = 64

_USERNAME = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{3,31})")
_PHONE = re.compile(r"\+?[0-9 ()\-]{1,24}")


@dataclass(frozen=True)
class CustomerQuery:
    """What a typed search can stand for (any field may be empty)."""

    telegram_id: int | None = None
    username: str | None = None
    phones: tuple[str, ...] = ()


def read_query(raw: str) -> CustomerQuery | None:
    """The forms `raw` can stand for; None when it is none of an id, a username or a
    phone."""
    text = clean_text(raw)
    if not text or len(text) > QUERY_MAX:
        return None
    if text.startswith("@") or text[0].isalpha():
        match = _USERNAME.fullmatch(text)
        return CustomerQuery(username=match.group(1)) if match else None
    if not _PHONE.fullmatch(text):
        return None
    digits = "".join(char for char in text if char.isdigit())
    if not digits or len(digits) > 15:
        return None
    telegram_id = int(digits)
    plain = text.isdigit() and 1 <= telegram_id <= TELEGRAM_ID_MAX
    phones: tuple[str, ...] = ()
    if len(digits) >= 7:
        variants = [f"+{digits}", digits]
        if len(digits) == 11 and digits.startswith("8"):
            variants += [f"+7{digits[1:]}", f"7{digits[1:]}"]
        phones = tuple(dict.fromkeys(variants))
    return CustomerQuery(telegram_id=telegram_id if plain else None, phones=phones)


async def find_customers(query: CustomerQuery) -> list[User]:
    """The users the query names, newest activity first, at most SEARCH_RESULTS_MAX."""
    found: dict[int, User] = {}
    if query.telegram_id is not None:
        for user in await User.objects().where(User.telegram_id == query.telegram_id):
            found[int(user.id)] = user
    if query.username is not None:
        wanted = query.username.lower()  # usernames are ASCII: lower() agrees on both engines
        for user in await User.objects().where(WhereRaw("lower(username) = {}", wanted)):
            found[int(user.id)] = user
    if query.phones:
        phones = list(query.phones)
        for user in await User.objects().where(User.phone.is_in(phones)).limit(50):
            found[int(user.id)] = user
        rows = await Order.select(Order.user).where(Order.phone.is_in(phones)).distinct()
        ids = [int(row["user_id"]) for row in rows if int(row["user_id"]) not in found][:50]
        if ids:
            for user in await User.objects().where(User.id.is_in(ids)):
                found[int(user.id)] = user
    users = sorted(found.values(), key=lambda user: user.last_active_at, reverse=True)
    return users[:SEARCH_RESULTS_MAX]


@dataclass(frozen=True)
class CustomerOrder:
    number: int
    status: str
    total: int
    currency: str
    created_at: datetime


@dataclass(frozen=True)
class OrderHistory:
    """A customer's orders: how many, what they spent (cancelled orders left out), the
    latest few."""

    count: int
    spent: int
    currency: str
    latest: tuple[CustomerOrder, ...]


async def order_history(users_id: int) -> OrderHistory:
    counted = await (
        Order.select(Count(Order.id, alias="count")).where(Order.user == users_id).first()
    )
    spent = await (
        Order.select(Sum(Order.total, alias="spent"))
        .where(Order.user == users_id, Order.status != CANCELLED)
        .first()
    )
    rows = await (
        Order.select(Order.id, Order.status, Order.total, Order.currency, Order.created_at)
        .where(Order.user == users_id)
        .order_by(Order.created_at, ascending=False)
        .order_by(Order.id, ascending=False)
        .limit(LAST_ORDERS)
    )
    latest = tuple(
        CustomerOrder(
            int(row["id"]),
            str(row["status"]),
            int(row["total"]),
            str(row["currency"]),
            row["created_at"],
        )
        for row in rows
    )
    currency = latest[0].currency if latest else "RUB"
    return OrderHistory(
        int(counted["count"]) if counted else 0,
        int((spent or {}).get("spent") or 0),
        currency,
        latest,
    )


class CustomerNotFound(LookupError):
    """Raised when a Telegram id names no user the shop has recorded."""

    def __init__(self, telegram_id: int) -> None:
        super().__init__(f"no user with Telegram id {telegram_id}")
        self.telegram_id = telegram_id


async def set_customer_banned(
    statuses: UserStatusCache, admin_id: int, telegram_id: int, banned: bool
) -> bool:
    """Ban or unban the user and audit it (before and after), in one transaction; False
    when they already were so (nothing written). Raises CustomerNotFound. The user's next
    update sees it: `statuses` forgets them once the transaction is over."""
    try:
        return await _set_customer_banned(statuses, admin_id, telegram_id, banned)
    finally:
        statuses.forget(telegram_id)


async def _set_customer_banned(
    statuses: UserStatusCache, admin_id: int, telegram_id: int, banned: bool
) -> bool:
    async with atomic(User._meta.db):
        row = await User.select(User.is_banned).where(User.telegram_id == telegram_id).first()
        if row is None:
            raise CustomerNotFound(telegram_id)
        before = bool(row["is_banned"])
        if before == banned:
            return False
        await set_banned(statuses, telegram_id, banned)
        details = {"before": {"banned": before}, "after": {"banned": banned}}
        await record_audit(
            admin_id, "customer.ban" if banned else "customer.unban", str(telegram_id), details
        )
    return True
