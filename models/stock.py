"""Stock set or adjusted by admins, applied by the order processor (the only writer of
stock: `actors.orders.stock`).

One request changes one or more variants in ONE transaction with ONE audit row, or
nothing: a change that would take a variant below zero (or above `STOCK_MAX`), or names
a variant that is gone, refuses the whole request. The result keeps each changed
variant's stock before and after, for what reacts to stock changes (back in stock,
channel posts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from models.admins import record_audit
from models.catalogue import ProductVariant
from models.catalogue_input import STOCK_MAX, StockChange
from runtime.db_transaction import atomic


@dataclass(frozen=True)
class VariantStock:
    """A variant's stock before and after a change."""

    variant_id: int
    before: int
    after: int


@dataclass(frozen=True)
class StockResult:
    """What a request did: the variants changed, or why nothing was (`refused`:
    "below_zero", "too_much" or "not_found", about `variant_id`)."""

    changed: tuple[VariantStock, ...] = ()
    refused: str | None = None
    variant_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.refused is None


class _Refused(Exception):
    """Raised inside the transaction to roll it back: `reason` about `variant_id`."""

    def __init__(self, reason: str, variant_id: int) -> None:
        super().__init__(f"{reason}: variant {variant_id}")
        self.reason = reason
        self.variant_id = variant_id


async def apply_stock_changes(admin_id: int, changes: Sequence[StockChange]) -> StockResult:
    """Apply every change or none (see the module); one audit row `stock.adjust`."""
    try:
        async with atomic(ProductVariant._meta.db):
            changed = [await _apply(change) for change in changes]
            await record_audit(
                admin_id,
                "stock.adjust",
                ",".join(str(item.variant_id) for item in changed),
                {
                    "before": {str(item.variant_id): item.before for item in changed},
                    "after": {str(item.variant_id): item.after for item in changed},
                },
            )
    except _Refused as refused:
        return StockResult(refused=refused.reason, variant_id=refused.variant_id)
    return StockResult(tuple(changed))


async def _apply(change: StockChange) -> VariantStock:
    row = await (
        ProductVariant.select(ProductVariant.stock)
        .where(ProductVariant.id == change.variant_id)
        .first()
    )
    if row is None:
        raise _Refused("not_found", change.variant_id)
    before = int(row["stock"])
    after = change.applied_to(before)
    if after < 0:
        raise _Refused("below_zero", change.variant_id)
    if after > STOCK_MAX:
        raise _Refused("too_much", change.variant_id)
    updated = await (
        ProductVariant.update({ProductVariant.stock: after})
        .where(ProductVariant.id == change.variant_id, ProductVariant.stock == before)
        .returning(ProductVariant.id)
    )
    if not updated:  # cannot happen while the order processor is the only writer
        raise _Refused("not_found", change.variant_id)
    return VariantStock(change.variant_id, before, after)
