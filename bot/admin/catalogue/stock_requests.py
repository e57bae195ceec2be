"""Asking the order processor (the only writer of stock) to change stock, and saying
what came of it: request/reply with `AdjustStock` (`bot.replies.ask`)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands import AdjustStock
from bot.context import Request
from bot.replies import ask
from models.catalogue_input import StockChange
from models.stock import StockResult


async def change_stock(request: Request, changes: Sequence[StockChange]) -> StockResult | None:
    """The processor's result; None when it did not answer in time (the change may
    still be applied later)."""
    frozen = tuple(changes)
    return await ask(request.deps.orders, lambda reply: AdjustStock(request.user_id, frozen, reply))


def refusal_key(result: StockResult | None) -> str | None:
    """The text key saying why nothing changed; None when the change was applied."""
    if result is None:
        return "acat.stock.no_answer"
    if result.refused is None:
        return None
    return f"acat.stock.{result.refused}"
