"""How the Statistics screen reads: pure functions of `Statistics` (no I/O).

Money is formatted by `bot.money` in the shop's CURRENCY; labels from the catalogue
(product titles, sizes) are cut short so that the screen fits one message.
"""

from __future__ import annotations

from bot.language import Language
from bot.money import format_price
from bot.text_limits import cut
from bot.texts import TEXTS, text
from models.order_statuses import STATUSES
from models.statistics import Periods, Ranked, Statistics

LABEL_LIMIT = 40


def computed_at(figures: Statistics) -> str:
    return figures.computed_at.strftime("%H:%M")


def _money(periods: Periods, currency: str) -> dict[str, str]:
    return {
        "today": format_price(periods.today, currency),
        "week": format_price(periods.week, currency),
        "month": format_price(periods.month, currency),
    }


def _average(revenue: int, orders: int) -> int:
    return round(revenue / orders) if orders else 0


def _ranked(items: list[Ranked], language: Language) -> str:
    if not items:
        return text("stats.none", language)
    return ", ".join(
        text("stats.top_item", language, label=cut(item.label, LABEL_LIMIT), quantity=item.quantity)
        for item in items
    )


def _broadcast_status(status: str, language: Language) -> str:
    key = f"broadcast.status_{status}"
    return text(key, language) if key in TEXTS[language] else status


def statistics_text(figures: Statistics, language: Language, currency: str) -> str:
    users, orders = figures.users, figures.orders
    revenue, earned = orders.revenue, orders.earned_orders
    average = Periods(
        _average(revenue.today, earned.today),
        _average(revenue.week, earned.week),
        _average(revenue.month, earned.month),
    )
    lines = [
        text("stats.title", language, time=computed_at(figures)),
        "",
        text("stats.users", language, total=users.total),
        text("stats.users_new", language, **vars(users.new)),
        text("stats.users_active", language, **vars(users.active)),
        text("stats.users_gone", language, banned=users.banned, blocked=users.blocked),
        "",
        text("stats.orders", language),
        *(
            text(
                "stats.orders_row",
                language,
                status=text(f"stats.status_{status}", language),
                **vars(orders.by_status.get(status, Periods())),
            )
            for status in STATUSES
        ),
        text("stats.revenue", language, **_money(revenue, currency)),
        text("stats.average", language, **_money(average, currency)),
        text("stats.revenue_note", language),
        "",
        text("stats.top_products", language, items=_ranked(figures.top_products, language)),
        text("stats.top_sizes", language, items=_ranked(figures.top_sizes, language)),
        "",
        *(text("stats.funnel", language, **vars(funnel)) for funnel in figures.funnels),
        "",
    ]
    if figures.broadcasts:
        lines.append(text("stats.broadcasts", language))
        lines.extend(
            text(
                "stats.broadcast_row",
                language,
                id=broadcast.id,
                status=_broadcast_status(broadcast.status, language),
                date=broadcast.created_at.strftime("%Y-%m-%d"),
                total=broadcast.total,
                sent=broadcast.sent,
                blocked=broadcast.blocked,
                failed=broadcast.failed,
            )
            for broadcast in figures.broadcasts
        )
    else:
        lines.append(text("stats.no_broadcasts", language))
    return "\n".join(lines)
