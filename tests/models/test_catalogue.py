"""The catalogue: stock can never go negative, whatever writes it."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest

from models.catalogue import (
    InsufficientStock,
    ProductPhoto,
    ProductVariant,
    adjust_stock,
    cache_photo_file_id,
    list_photos,
    list_variants,
)
from runtime.database import DatabaseEngine
from runtime.db_engine import ShopPostgresEngine
from tests.models.factories import make_variant, stock_of


def check_violation(engine: DatabaseEngine) -> type[Exception]:
    return (
        asyncpg.exceptions.CheckViolationError
        if isinstance(engine, ShopPostgresEngine)
        else sqlite3.IntegrityError
    )


async def test_the_database_refuses_negative_stock(db: DatabaseEngine) -> None:
    variant_id = await make_variant(stock=1)
    refused = check_violation(db)

    with pytest.raises(refused, match="product_variants_stock_non_negative"):
        await (
            ProductVariant.update({ProductVariant.stock: ProductVariant.stock - 2})
            .where(ProductVariant.id == variant_id)
            .run()
        )
    variant = (await list_variants(await _product_of(variant_id)))[0]
    with pytest.raises(refused, match="product_variants_stock_non_negative"):
        await ProductVariant.insert(
            ProductVariant(product=variant.product, size="L", sku="NEG-1", stock=-1)
        ).run()
    assert await stock_of(variant_id) == 1


async def test_adjust_stock_guards_and_reports(db: DatabaseEngine) -> None:
    variant_id = await make_variant(stock=2)
    assert await adjust_stock(variant_id, -2) == 0
    with pytest.raises(InsufficientStock) as caught:
        await adjust_stock(variant_id, -1)
    assert (caught.value.variant_id, caught.value.requested) == (variant_id, 1)
    assert await adjust_stock(variant_id, 3) == 3
    with pytest.raises(InsufficientStock):
        await adjust_stock(10_000_000, 1)


async def test_photo_file_id_is_cached(db: DatabaseEngine) -> None:
    variant_id = await make_variant()
    product_id = await _product_of(variant_id)
    photo = ProductPhoto(product=product_id, source="photos/tee.jpg")
    await photo.save().run()
    await cache_photo_file_id(photo.id, "AgACAgIAAx")
    assert [p.file_id for p in await list_photos(product_id)] == ["AgACAgIAAx"]


async def _product_of(variant_id: int) -> int:
    row = await (
        ProductVariant.select(ProductVariant.product.as_alias("product_id"))
        .where(ProductVariant.id == variant_id)
        .first()
        .run()
    )
    assert row is not None
    return int(row["product_id"])
