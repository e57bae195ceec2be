"""Admins' stock changes (applied by the order processor): all of a request or none,
never below zero, one audit row, each variant's stock before and after."""

from __future__ import annotations

import json

from config import Settings
from models.admins import AuditLog
from models.catalogue_input import StockChange
from models.stock import StockResult, VariantStock, apply_stock_changes
from runtime.database import open_database
from tests.bot.checkout.shop import stock_of
from tests.bot.shop.shop import add_category, add_product


async def test_a_request_applies_every_change_or_none(database: Settings) -> None:
    async with open_database(database):
        tees = await add_category("Tees")
        built = await add_product(tees, "Tee", variants=[("S", 2, None), ("M", 0, None)])
        small, medium = built.variant_ids

        refused = await apply_stock_changes(
            7, [StockChange(small, "add", 5), StockChange(medium, "add", -1)]
        )
        assert refused == StockResult(refused="below_zero", variant_id=medium)
        assert (await stock_of(small), await stock_of(medium)) == (2, 0)
        assert await AuditLog.count() == 0

        done = await apply_stock_changes(
            7, [StockChange(small, "add", -2), StockChange(medium, "set", 4)]
        )
        assert done == StockResult((VariantStock(small, 2, 0), VariantStock(medium, 0, 4)))
        assert (await stock_of(small), await stock_of(medium)) == (0, 4)
        [row] = await AuditLog.select(AuditLog.actor_id, AuditLog.action, AuditLog.details)
        details = row["details"]
        details = json.loads(details) if isinstance(details, str) else details
        assert (row["actor_id"], row["action"]) == (7, "stock.adjust")
        assert details == {
            "before": {str(small): 2, str(medium): 0},
            "after": {str(small): 0, str(medium): 4},
        }

        gone = await apply_stock_changes(7, [StockChange(999_999, "set", 1)])
        assert gone == StockResult(refused="not_found", variant_id=999_999)
