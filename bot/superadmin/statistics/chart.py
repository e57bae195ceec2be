"""The chart of orders and revenue per day, drawn to PNG with matplotlib (Agg).

`render_chart` is pure and blocking (~0.1-0.3 s of CPU): callers run it in a worker
thread (`chart_png`), so the event loop keeps answering updates meanwhile. It uses
matplotlib's object API (a `Figure` of its own, never pyplot's global state), so two
renders in two threads do not share a figure.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import anyio
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from models.statistics import Day

ORDERS_COLOUR = "#4C72B0"
REVENUE_COLOUR = "#DD8452"


@dataclass(frozen=True)
class ChartLabels:
    """The chart's words, in the viewer's language."""

    title: str
    orders: str
    revenue: str


def render_chart(days: list[Day], labels: ChartLabels) -> bytes:
    """A PNG: bars of orders per day, a line of revenue (major units) on a second axis."""
    figure = Figure(figsize=(9, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    orders_axis = figure.add_subplot()
    positions = list(range(len(days)))
    orders_axis.bar(positions, [day.orders for day in days], color=ORDERS_COLOUR, alpha=0.8)
    orders_axis.set_ylabel(labels.orders, color=ORDERS_COLOUR)
    orders_axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    revenue_axis = orders_axis.twinx()
    revenue_axis.plot(
        positions, [day.revenue / 100 for day in days], color=REVENUE_COLOUR, marker="o"
    )
    revenue_axis.set_ylabel(labels.revenue, color=REVENUE_COLOUR)
    revenue_axis.set_ylim(bottom=0)
    ticks = positions[::5] if len(positions) > 1 else positions
    orders_axis.set_xticks(ticks, [days[index].day.strftime("%d.%m") for index in ticks])
    orders_axis.set_title(labels.title)
    orders_axis.grid(axis="y", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


async def chart_png(days: list[Day], labels: ChartLabels) -> bytes:
    """`render_chart` in a worker thread."""
    return await anyio.to_thread.run_sync(render_chart, days, labels)
