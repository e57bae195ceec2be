"""A product's variants after its creation: the size x colour grid grown by a size or a
colour (new variants get a generated SKU and no stock), a variant deleted (only when
none is in stock: stock is the order processor's to change), a SKU changed (unique).
Each change is one transaction with its audit row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.admins import record_audit
from models.catalogue import Product, ProductVariant
from models.catalogue_admin import CatalogueItemNotFound, free_sku, sku_base
from runtime.db_transaction import atomic


class SkuTaken(Exception):
    """Raised when a SKU is already another variant's."""

    def __init__(self, sku: str) -> None:
        super().__init__(f"SKU {sku!r} is taken")
        self.sku = sku


class VariantInStock(Exception):
    """Raised when a variant to delete still has `stock` items."""

    def __init__(self, variant_id: int, stock: int) -> None:
        super().__init__(f"variant {variant_id} has {stock} in stock")
        self.variant_id = variant_id
        self.stock = stock


def _db() -> Any:
    return ProductVariant._meta.db


async def _variant(variant_id: int) -> ProductVariant:
    variant = await ProductVariant.objects().where(ProductVariant.id == variant_id).first()
    if variant is None:
        raise CatalogueItemNotFound("variant", variant_id)
    return variant


async def add_to_grid(
    admin_id: int, product_id: int, *, sizes: Sequence[str] = (), colours: Sequence[str] = ()
) -> list[int]:
    """New sizes (in every colour the product has) or colours (in every size); the new
    variants' ids (none when each was there already)."""
    async with atomic(_db()):
        if not await Product.exists().where(Product.id == product_id):
            raise CatalogueItemNotFound("product", product_id)
        variants = await ProductVariant.objects().where(ProductVariant.product == product_id)
        have = {(v.size.casefold(), (v.colour or "").casefold()) for v in variants}
        known_sizes = list(dict.fromkeys(v.size for v in variants))
        known_colours: list[str | None] = list(dict.fromkeys(v.colour for v in variants))
        wanted: list[tuple[str, str | None]] = [
            (size, colour) for size in sizes for colour in known_colours or [None]
        ]
        wanted += [(size, colour) for colour in colours for size in known_sizes]
        added: list[int] = []
        for size, colour in wanted:
            if (size.casefold(), (colour or "").casefold()) in have:
                continue
            have.add((size.casefold(), (colour or "").casefold()))
            sku = await free_sku(sku_base(product_id, size, colour))
            variant = ProductVariant(product=product_id, size=size, colour=colour, sku=sku, stock=0)
            await variant.save().run()
            added.append(int(variant.id))
        if added:
            await record_audit(admin_id, "variant.add", str(product_id), {"after": added})
    return added


async def delete_variant(admin_id: int, variant_id: int) -> int:
    """Delete a variant with nothing in stock; its product's id. `VariantInStock` (and
    nothing changed) otherwise."""
    async with atomic(_db()):
        variant = await _variant(variant_id)
        if variant.stock > 0:
            raise VariantInStock(variant_id, int(variant.stock))
        await ProductVariant.delete().where(ProductVariant.id == variant_id)
        before = {"size": variant.size, "colour": variant.colour, "sku": variant.sku}
        await record_audit(admin_id, "variant.delete", str(variant_id), {"before": before})
    return int(variant.product)


async def set_variant_sku(admin_id: int, variant_id: int, sku: str) -> None:
    """`SkuTaken` (nothing changed) when another variant has `sku`."""
    async with atomic(_db()):
        variant = await _variant(variant_id)
        taken = await ProductVariant.exists().where(
            ProductVariant.sku == sku, ProductVariant.id != variant_id
        )
        if taken:
            raise SkuTaken(sku)
        await ProductVariant.update({ProductVariant.sku: sku}).where(
            ProductVariant.id == variant_id
        )
        await record_audit(
            admin_id, "variant.sku", str(variant_id), {"before": variant.sku, "after": sku}
        )
