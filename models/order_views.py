"""An order as its notices and admin cards show it, read in one plain SQL statement.

The order processor's notifier renders every notice of the ledger from the order as it
is now: the order, its items, its customer, its status history with the names of who
moved it, and what the notice's recipient needs (their language and access hash). Read
through Piccolo's objects that was five to seven statements and ~4 ms of CPU per notice;
here it is one statement with no foreign-key traversal. The joins multiply (items x
moves rows, a handful for a real order); the rows are folded back by id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from piccolo.table import Table

from models.order_history import MoveNote, OrderStatusChange, StatusMove
from models.order_notices import (
    CLAIM_NEXT_SQL,
    PENDING,
    PendingNotice,
    claim_next,
    pending_notice,
)
from models.orders import Order, OrderItem
from models.users import User
from runtime.db_raw import fetch_rows


@dataclass(frozen=True)
class OrderView:
    """An order with what its notices show, and what its recipient needs."""

    order: Order
    items: list[OrderItem]
    customer: User | None
    history: list[StatusMove]
    actors: dict[int, str]  # Telegram id of who moved it -> the name the bot knows
    recipient_language: str | None  # None: the recipient is not a recorded user
    recipient_access_hash: int | None


def _columns(table: type[Table], alias: str) -> str:
    return ", ".join(
        f'{alias}."{column._meta.db_column_name}" AS "{alias}_{column._meta.name}"'
        for column in table._meta.columns
    )


T = TypeVar("T", bound=Table)


@cache
def _prefixed(table: type[Table], alias: str) -> tuple[tuple[str, str], ...]:
    """Each column's attribute and its key in a row of `_columns(table, alias)`."""
    return tuple((c._meta.name, f"{alias}_{c._meta.name}") for c in table._meta.columns)


def _build(table: type[T], alias: str, row: dict[str, Any]) -> T:
    """The row's `table` object, as `table(_exists_in_db=True, **values)` makes it with
    every column given: Piccolo's columns keep their values in the object's `__dict__`
    under their names, and its constructor sets two flags besides. Its constructor also
    looks each column up by its hash and its name property and checks for defaults, ~30
    us of CPU for an order; a burst of 100 orders folds ~120 views before the first
    notice goes out. `tests/models/test_order_views.py` pins this to the constructor."""
    built = table.__new__(table)
    fields = built.__dict__
    fields["_exists_in_db"] = True
    fields["_was_created"] = None
    for name, key in _prefixed(table, alias):
        fields[name] = row[key]
    return built


_VIEW_COLUMNS = (
    f"{_columns(Order, 'o')}, {_columns(User, 'c')}, {_columns(OrderItem, 'i')},"
    f" {_columns(OrderStatusChange, 'h')},"
    " a.id AS a_id, a.first_name AS a_first_name, a.username AS a_username,"
    " r.language AS r_language, r.access_hash AS r_access_hash, (r.id IS NOT NULL) AS r_known"
)
_VIEW_JOINS = (
    " LEFT JOIN users c ON c.id = o.user_id"
    " LEFT JOIN users r ON r.telegram_id = {recipient}"
    " LEFT JOIN order_items i ON i.order_id = o.id"
    " LEFT JOIN order_status_changes h ON h.order_id = o.id"
    " LEFT JOIN users a ON a.telegram_id = h.actor_id"
)
_VIEW = (
    f"SELECT {_VIEW_COLUMNS} FROM orders o{_VIEW_JOINS.format(recipient='{}')}"
    " WHERE o.id = {} ORDER BY i.id, h.id"
)
#: `order_notices`' claim of the order's oldest pending notice (parameters: the order,
#: PENDING), and that notice's order as its recipient sees it, in one statement: the
#: notice's columns under their own names, the view's under their prefixes; the view's
#: columns are NULL when the order is gone.
_CLAIM_WITH_VIEW = (
    f"WITH n AS ({CLAIM_NEXT_SQL}) SELECT n.id, n.order_id, n.kind, n.recipient, n.details,"
    f" n.nonce, n.attempts, {_VIEW_COLUMNS}"
    f" FROM n LEFT JOIN orders o ON o.id = n.order_id{_VIEW_JOINS.format(recipient='n.recipient')}"
    " ORDER BY i.id, h.id"
)


#: `_CLAIM_WITH_VIEW` for many orders at once: the oldest pending notice of each order in
#: a list (formatted in: ints only), its attempt counted, with its order's view; the
#: parameter is PENDING. Rows come grouped by order.
_CLAIM_FIRST_WITH_VIEWS = (
    "WITH n AS (UPDATE order_notices SET attempts = attempts + 1 WHERE id IN ("
    " SELECT min(id) FROM order_notices WHERE order_id IN ({orders}) AND state = {{}}"
    " GROUP BY order_id)"
    " RETURNING id, order_id, kind, recipient, details, nonce, attempts)"
    " SELECT n.id, n.order_id, n.kind, n.recipient, n.details, n.nonce, n.attempts,"
    f" {_VIEW_COLUMNS} FROM n LEFT JOIN orders o ON o.id = n.order_id"
    f"{_VIEW_JOINS.format(recipient='n.recipient')}"
    " ORDER BY n.order_id, i.id, h.id"
)


@dataclass(frozen=True)
class ClaimedNotice:
    """A notice just claimed (its attempt counted), with its order as its recipient sees
    it now (None: the order is gone)."""

    notice: PendingNotice
    view: OrderView | None


async def load_order_view(order_id: int, recipient: int) -> OrderView | None:
    """The order as notices show it, for the Telegram user `recipient`; None when there
    is no such order. One statement."""
    rows: list[dict[str, Any]] = await fetch_rows(Order, _VIEW, recipient, order_id)
    return _fold(rows)


async def claim_next_with_view(order_id: int) -> ClaimedNotice | None:
    """`claim_next(order_id)` and the claimed notice's `load_order_view`: one statement
    on PostgreSQL (a data-modifying CTE), two on SQLite. For a notice sent at once: a
    view read long before its send could show an order changed since."""
    if Order._meta.db.engine_type != "postgres":
        notice = await claim_next(order_id)
        if notice is None:
            return None
        return ClaimedNotice(notice, await load_order_view(order_id, notice.recipient))
    rows: list[dict[str, Any]] = await fetch_rows(Order, _CLAIM_WITH_VIEW, order_id, PENDING)
    if not rows:
        return None
    return ClaimedNotice(pending_notice(rows[0]), _fold(rows))


async def claim_first_with_views(order_ids: Sequence[int]) -> dict[int, ClaimedNotice]:
    """`claim_next_with_view` of each order at once (one statement on PostgreSQL; one
    per order elsewhere), for the orders of a batch placed together; an order with no
    pending notice is left out. Only one sender per order may call this at a time."""
    if Order._meta.db.engine_type != "postgres":
        claims = {order_id: await claim_next_with_view(order_id) for order_id in order_ids}
        return {order_id: claim for order_id, claim in claims.items() if claim is not None}
    if not order_ids:
        return {}
    orders = ", ".join(str(int(order_id)) for order_id in order_ids)
    rows: list[dict[str, Any]] = await fetch_rows(
        Order, _CLAIM_FIRST_WITH_VIEWS.format(orders=orders), PENDING
    )
    by_order: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_order.setdefault(int(row["order_id"]), []).append(row)
    return {
        order_id: ClaimedNotice(pending_notice(group[0]), _fold(group))
        for order_id, group in by_order.items()
    }


def _fold(rows: list[dict[str, Any]]) -> OrderView | None:
    """The view from its joined rows (items x moves); None without rows or order."""
    if not rows or rows[0]["o_id"] is None:
        return None
    first = rows[0]
    items: dict[int, OrderItem] = {}
    moves: dict[int, StatusMove] = {}
    actors: dict[int, str] = {}
    for row in rows:
        if row["i_id"] is not None and row["i_id"] not in items:
            items[row["i_id"]] = _build(OrderItem, "i", row)
        if row["h_id"] is not None and row["h_id"] not in moves:
            moves[row["h_id"]] = _move(row)
            if row["a_id"] is not None:
                actors[int(row["h_actor_id"])] = _name(row)
    customer = _build(User, "c", first) if first["c_id"] is not None else None
    return OrderView(
        order=_build(Order, "o", first),
        items=[items[key] for key in sorted(items)],
        customer=customer,
        history=[moves[key] for key in sorted(moves)],
        actors=actors,
        recipient_language=str(first["r_language"]) if first["r_known"] else None,
        recipient_access_hash=(
            int(first["r_access_hash"]) if first["r_access_hash"] is not None else None
        ),
    )


def _move(row: dict[str, Any]) -> StatusMove:
    return StatusMove(
        previous=str(row["h_from_status"]),
        current=str(row["h_to_status"]),
        cause=str(row["h_cause"]),
        actor_id=int(row["h_actor_id"]) if row["h_actor_id"] is not None else None,
        note=MoveNote(
            str(row["h_reason_code"] or ""),
            str(row["h_reason_text"] or ""),
            str(row["h_tracking"] or ""),
        ),
        created_at=row["h_created_at"],
    )


def _name(row: dict[str, Any]) -> str:
    """As `bot.admin.order_cards.load_card` names who moved an order."""
    return str(row["a_first_name"] or "") or (f"@{row['a_username']}" if row["a_username"] else "")
