"""`/superadmin` -> Statistics: users, orders, revenue, top products and sizes, the
funnel, the last broadcasts, and a chart of the last 30 days; cached 5 minutes.

The figures are read by `models.statistics`; `cached` keeps them in the cache,
`views` and `chart` turn them into the screen's text and picture.
"""

from __future__ import annotations

from bot.router import Router
from bot.superadmin.statistics import screen
from bot.superadmin.statistics.actions import STATISTICS

MENU = STATISTICS


def register(router: Router) -> None:
    screen.register(router)
