"""The shop's figures for the superadmins' Statistics screen, read in a few indexed queries.

Every query is a `Query` (name, SQL with Piccolo's `{}` placeholders, values), built
from one `Windows` (the moments "today", "7 days" and "30 days" start), so a test can
EXPLAIN exactly what the screen runs and a benchmark can time each one. Days are UTC.

What the figures count (the tables keep no event log, so each is what a row records):
- users: `users.created_at` (new), `last_active_at` of users not banned (active, the
  seed's partial index), `is_banned`, `bot_blocked_at` (Telegram refused a message);
- orders: by `orders.created_at` and their current status;
- revenue: orders delivered, and orders paid online (`payment_charge_id` set) that
  were not cancelled; the average order is that revenue over those orders;
- top products and sizes: quantities in order items of the last 30 days' orders, not
  cancelled;
- the funnel is a cohort: of the users who started the bot in the window
  (`users.created_at`), how many reached each step, a later step counting for the
  earlier ones: placing an order empties the cart and ends the checkout session, so
  "added to cart" is a cart line still there or a checkout or an order, "began
  checkout" an open checkout session or an order, "placed an order" an order of the
  window (any status). A cart emptied by hand or a checkout left is not recorded, so
  those users count only as having started.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from piccolo.engine.sqlite import SQLiteEngine

from models.clock import utcnow
from models.order_statuses import CANCELLED, DELIVERED, STATUSES
from models.users import User
from runtime.db_raw import fetch_rows

CHART_DAYS = 30
TOP = 5
LAST_BROADCASTS = 3
#: An order whose money the shop has: delivered, or paid online and not cancelled.
EARNED = (
    f"(o.status = '{DELIVERED}' OR (o.payment_charge_id IS NOT NULL AND o.status <> '{CANCELLED}'))"
)


@dataclass(frozen=True)
class Windows:
    """Where each period starts; `days` are the chart's days, oldest first."""

    now: datetime
    today: datetime
    week: datetime
    month: datetime
    chart_start: datetime

    @classmethod
    def at(cls, now: datetime) -> Windows:
        today = datetime.combine(now.date(), time(), tzinfo=now.tzinfo)
        return cls(
            now=now,
            today=today,
            week=now - timedelta(days=7),
            month=now - timedelta(days=30),
            chart_start=today - timedelta(days=CHART_DAYS - 1),
        )

    @property
    def days(self) -> list[date]:
        first = self.chart_start.date()
        return [first + timedelta(days=n) for n in range(CHART_DAYS)]


@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    values: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Periods:
    """One figure today, over 7 days and over 30 days."""

    today: int = 0
    week: int = 0
    month: int = 0


@dataclass(frozen=True)
class UserFigures:
    total: int
    new: Periods
    active: Periods  # day, week, month
    banned: int
    blocked: int


@dataclass(frozen=True)
class OrderFigures:
    by_status: dict[str, Periods]
    revenue: Periods
    earned_orders: Periods  # how many orders the revenue comes from


@dataclass(frozen=True)
class Funnel:
    days: int
    started: int
    carted: int
    checkout: int
    ordered: int


@dataclass(frozen=True)
class Ranked:
    label: str
    quantity: int


@dataclass(frozen=True)
class Day:
    day: date
    orders: int
    revenue: int


@dataclass(frozen=True)
class BroadcastFigures:
    id: int
    status: str
    created_at: datetime
    total: int
    sent: int
    blocked: int
    failed: int


@dataclass(frozen=True)
class Statistics:
    computed_at: datetime
    users: UserFigures
    orders: OrderFigures
    funnels: list[Funnel]
    top_products: list[Ranked]
    top_sizes: list[Ranked]
    days: list[Day]
    broadcasts: list[BroadcastFigures] = field(default_factory=list)


def _periods(sql_column: str) -> str:
    return (
        f"count(*) FILTER (WHERE {sql_column} >= {{}}) AS today,"
        f" count(*) FILTER (WHERE {sql_column} >= {{}}) AS week,"
        " count(*) AS month"
    )


def _sqlite() -> bool:
    return isinstance(User._meta.db, SQLiteEngine)


def statistics_queries(w: Windows) -> list[Query]:
    """Every query of the screen, in the order `compute_statistics` runs them."""
    day = (
        "substr(o.created_at, 1, 10)"
        if _sqlite()
        else "to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
    )
    # The furthest stage each user of the cohort reached. Read from the event tables
    # (each by its own time index: a user cannot order, check out or fill a cart before
    # starting the bot, so those rows are as recent as the cohort), then joined to the
    # cohort; stage 0 is every user of the cohort.
    funnel = (
        "SELECT stage, count(*) AS n FROM ("
        " SELECT r.id, max(r.stage) AS stage FROM ("
        " SELECT u.id AS id, 0 AS stage FROM users u WHERE u.created_at >= {}"
        " UNION ALL SELECT o.user_id, 3 FROM orders o WHERE o.created_at >= {}"
        " UNION ALL SELECT u.id, 2 FROM checkout_sessions s"
        " JOIN users u ON u.telegram_id = s.telegram_id WHERE s.updated_at >= {}"
        " UNION ALL SELECT c.user_id, 1 FROM cart_items c WHERE c.added_at >= {}"
        " ) AS r JOIN users u ON u.id = r.id WHERE u.created_at >= {}"
        " GROUP BY r.id) AS reached GROUP BY stage"
    )
    top = (
        "SELECT i.{column} AS label, sum(i.quantity) AS quantity"
        " FROM orders o JOIN order_items i ON i.order_id = o.id"
        f" WHERE o.created_at >= {{{{}}}} AND o.status <> '{CANCELLED}'"
        " GROUP BY i.{column} ORDER BY quantity DESC, label LIMIT {{}}"
    )
    return [
        Query("users total", "SELECT count(*) AS n FROM users"),
        Query(
            "users new",
            f"SELECT {_periods('created_at')} FROM users WHERE created_at >= {{}}",
            (w.today, w.week, w.month),
        ),
        Query(
            "users active",
            f"SELECT {_periods('last_active_at')} FROM users"
            " WHERE is_banned = false AND last_active_at >= {}",
            (w.now - timedelta(days=1), w.week, w.month),
        ),
        Query("users banned", "SELECT count(*) AS n FROM users WHERE is_banned = true"),
        Query("users blocked", "SELECT count(*) AS n FROM users WHERE bot_blocked_at IS NOT NULL"),
        Query(
            "orders by status",
            f"SELECT o.status AS status, {EARNED} AS earned,"
            " count(*) FILTER (WHERE o.created_at >= {}) AS n_today,"
            " count(*) FILTER (WHERE o.created_at >= {}) AS n_week,"
            " count(*) AS n_month,"
            " coalesce(sum(o.total) FILTER (WHERE o.created_at >= {}), 0) AS s_today,"
            " coalesce(sum(o.total) FILTER (WHERE o.created_at >= {}), 0) AS s_week,"
            " coalesce(sum(o.total), 0) AS s_month"
            " FROM orders o WHERE o.created_at >= {} GROUP BY 1, 2",
            (w.today, w.week, w.today, w.week, w.month),
        ),
        Query("funnel 7 days", funnel, (w.week,) * 5),
        Query("funnel 30 days", funnel, (w.month,) * 5),
        Query("top products", top.format(column="product_title"), (w.month, TOP)),
        Query("top sizes", top.format(column="size"), (w.month, TOP)),
        Query(
            "orders per day",
            f"SELECT {day} AS day, count(*) AS orders,"
            f" coalesce(sum(CASE WHEN {EARNED} THEN o.total ELSE 0 END), 0) AS revenue"
            " FROM orders o WHERE o.created_at >= {} GROUP BY 1",
            (w.chart_start,),
        ),
        Query(
            "last broadcasts",
            "SELECT id, status, created_at, total, sent, blocked, failed FROM broadcasts"
            " WHERE status <> 'draft' ORDER BY id DESC LIMIT {}",
            (LAST_BROADCASTS,),
        ),
    ]


async def run_query(query: Query) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await fetch_rows(User, query.sql, *query.values)
    return rows


def _int(value: object) -> int:
    """A count or sum as an int (PostgreSQL sums bigints as `Decimal`; NULL is 0)."""
    return int(value) if isinstance(value, int | float | Decimal | str) and value != "" else 0


def _when(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _funnel(days: int, rows: list[dict[str, Any]]) -> Funnel:
    """The funnel from the count of users at each furthest stage (0 started .. 3 ordered)."""
    at = {_int(row["stage"]): _int(row["n"]) for row in rows}
    reached = [sum(n for stage, n in at.items() if stage >= step) for step in range(4)]
    return Funnel(days, *reached)


async def compute_statistics(now: datetime | None = None) -> Statistics:
    """Every figure of the screen, read now (a dozen indexed queries, run in turn)."""
    windows = Windows.at(now or utcnow())
    results = {query.name: await run_query(query) for query in statistics_queries(windows)}

    def periods(row: dict[str, Any], prefix: str = "") -> Periods:
        return Periods(
            _int(row[f"{prefix}today"]), _int(row[f"{prefix}week"]), _int(row[f"{prefix}month"])
        )

    users = UserFigures(
        total=_int(results["users total"][0]["n"]),
        new=periods(results["users new"][0]),
        active=periods(results["users active"][0]),
        banned=_int(results["users banned"][0]["n"]),
        blocked=_int(results["users blocked"][0]["n"]),
    )
    by_status = {status: [0, 0, 0] for status in STATUSES}
    revenue, earned = [0, 0, 0], [0, 0, 0]
    for row in results["orders by status"]:
        counts = [_int(row["n_today"]), _int(row["n_week"]), _int(row["n_month"])]
        sums = [_int(row["s_today"]), _int(row["s_week"]), _int(row["s_month"])]
        status = str(row["status"])
        before = by_status.get(status, [0, 0, 0])
        by_status[status] = [a + b for a, b in zip(before, counts, strict=True)]
        if row["earned"]:
            revenue = [a + b for a, b in zip(revenue, sums, strict=True)]
            earned = [a + b for a, b in zip(earned, counts, strict=True)]
    per_day = {str(row["day"]): row for row in results["orders per day"]}
    return Statistics(
        computed_at=windows.now,
        users=users,
        orders=OrderFigures(
            by_status={status: Periods(*counts) for status, counts in by_status.items()},
            revenue=Periods(*revenue),
            earned_orders=Periods(*earned),
        ),
        funnels=[
            _funnel(days, results[name])
            for days, name in ((7, "funnel 7 days"), (30, "funnel 30 days"))
        ],
        top_products=[
            Ranked(str(row["label"]), _int(row["quantity"])) for row in results["top products"]
        ],
        top_sizes=[
            Ranked(str(row["label"]), _int(row["quantity"])) for row in results["top sizes"]
        ],
        days=[
            Day(
                day,
                _int(per_day.get(day.isoformat(), {}).get("orders")),
                _int(per_day.get(day.isoformat(), {}).get("revenue")),
            )
            for day in windows.days
        ],
        broadcasts=[
            BroadcastFigures(
                id=_int(row["id"]),
                status=str(row["status"]),
                created_at=_when(row["created_at"]),
                total=_int(row["total"]),
                sent=_int(row["sent"]),
                blocked=_int(row["blocked"]),
                failed=_int(row["failed"]),
            )
            for row in results["last broadcasts"]
        ],
    )
