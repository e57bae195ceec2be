"""The statistics screen's figures match a shop counted by hand, on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from models.statistics import Funnel, Periods, Ranked, compute_statistics
from runtime.database import DatabaseEngine
from tests.fixtures.statistics import build_counted_shop

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


async def test_the_figures_match_a_hand_counted_shop(db: DatabaseEngine) -> None:
    await build_counted_shop(NOW)

    figures = await compute_statistics(NOW)

    users = figures.users
    assert (users.total, users.banned, users.blocked) == (7, 1, 1)
    assert users.new == Periods(1, 4, 5)
    assert users.active == Periods(2, 4, 5)  # not banned: 701+706, +702+707, +704
    assert figures.orders.by_status == {
        "new": Periods(0, 1, 1),
        "confirmed": Periods(0, 0, 0),
        "paid": Periods(0, 1, 1),
        "shipped": Periods(0, 0, 1),
        "delivered": Periods(1, 1, 1),
        "cancelled": Periods(0, 0, 1),
    }
    assert figures.orders.revenue == Periods(1000, 3000, 6000)
    assert figures.orders.earned_orders == Periods(1, 2, 3)
    assert figures.funnels == [Funnel(7, 4, 4, 3, 2), Funnel(30, 5, 4, 3, 2)]
    assert figures.top_products == [Ranked("Hoodie", 4), Ranked("Tee", 3), Ranked("Cap", 1)]
    assert figures.top_sizes == [Ranked("L", 4), Ranked("M", 3), Ranked("One size", 1)]
    assert len(figures.days) == 30 and figures.days[-1].day == date(2026, 12, 5)
    busy = {day.day: (day.orders, day.revenue) for day in figures.days if day.orders}
    assert busy == {
        date(2026, 12, 5): (1, 1000),
        date(2026, 12, 3): (1, 2000),
        date(2026, 11, 30): (1, 0),
        date(2026, 11, 15): (1, 3000),
        date(2026, 11, 10): (1, 0),
    }
    [broadcast] = figures.broadcasts
    assert (broadcast.status, broadcast.total, broadcast.sent) == ("finished", 10, 7)
    assert (broadcast.blocked, broadcast.failed) == (2, 1)
    assert figures.computed_at == NOW


async def test_an_empty_shop_has_zero_figures(db: DatabaseEngine) -> None:
    figures = await compute_statistics(NOW + timedelta(days=1))

    assert figures.users.total == 0
    assert figures.orders.revenue == Periods(0, 0, 0)
    assert figures.funnels == [Funnel(7, 0, 0, 0, 0), Funnel(30, 0, 0, 0, 0)]
    assert figures.top_products == [] and figures.broadcasts == []
    assert sum(day.orders for day in figures.days) == 0
