"""The order processor's handling of `AdjustStock`: an admin's stock change, applied
in one transaction with its audit row (`models.stock`), the result sent back to the
handler that asked.

The result lists each changed variant's stock before and after: the place to hook what
reacts to stock going from 0 to more or to 0 (back in stock notices, channel posts).
"""

from __future__ import annotations

import anyio
from loguru import logger

from actors.messages import AdjustStock
from actors.names import ORDER_PROCESSOR
from bot.roles import Role, role_of
from config import Settings
from models.stock import StockResult, apply_stock_changes

stock_log = logger.bind(actor=ORDER_PROCESSOR)


async def adjust_stock(message: AdjustStock, settings: Settings) -> StockResult:
    """Apply the change when its sender is (still) an admin, then reply; the result."""
    if await role_of(settings, message.admin_id) < Role.ADMIN:
        result = StockResult(refused="not_allowed")
    else:
        result = await apply_stock_changes(message.admin_id, message.changes)
    try:
        message.reply.send_nowait(result)
    except (anyio.BrokenResourceError, anyio.ClosedResourceError, anyio.WouldBlock):
        stock_log.info("stock change applied; its handler stopped waiting: {}", result)
    return result
