"""`/superadmin` -> Statistics: the figures (cached 5 minutes), Refresh, and the chart.

Every route needs SUPERADMIN (the package's router sets it; checked on the server for
every press, so a replayed button of a former superadmin does nothing).
"""

from __future__ import annotations

import io

from pyrogram.enums import ParseMode
from pyrogram.types import CallbackQuery

from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import show_screen
from bot.superadmin.statistics.actions import CHART, REFRESH, STATISTICS
from bot.superadmin.statistics.cached import get_statistics
from bot.superadmin.statistics.chart import ChartLabels, chart_png
from bot.superadmin.statistics.keyboards import statistics_keyboard
from bot.superadmin.statistics.views import computed_at, statistics_text
from bot.text_limits import CAPTION_LIMIT, cut


async def _show(request: Request, query: CallbackQuery, *, fresh: bool) -> None:
    figures = await get_statistics(request.deps.cache, request.deps.settings, fresh=fresh)
    body = statistics_text(figures, request.language, request.deps.settings.currency)
    toast = request.t("stats.refreshed") if fresh else None
    await show_screen(request, query, body, statistics_keyboard(request), toast=toast)


async def open_statistics(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await _show(request, query, fresh=False)


async def refresh_statistics(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await _show(request, query, fresh=True)


async def send_chart(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    """The chart of the (cached) figures, as a new photo message."""
    figures = await get_statistics(request.deps.cache, request.deps.settings)
    labels = ChartLabels(
        title=request.t("stats.chart_title"),
        orders=request.t("stats.chart_orders"),
        revenue=request.t("stats.chart_revenue", currency=request.deps.settings.currency),
    )
    png = io.BytesIO(await chart_png(figures.days, labels))
    png.name = "statistics.png"
    caption = request.t("stats.chart_caption", time=computed_at(figures))
    await query.answer()
    await request.client.send_photo(
        request.user_id, png, caption=cut(caption, CAPTION_LIMIT), parse_mode=ParseMode.DISABLED
    )


def register(router: Router) -> None:
    router.on_callback(STATISTICS, open_statistics)
    router.on_callback(REFRESH, refresh_statistics)
    router.on_callback(CHART, send_chart)
