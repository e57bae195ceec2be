"""The demo catalogue fills an empty shop once, with photos that exist."""

from __future__ import annotations

from pathlib import Path

import anyio

from models.catalogue import (
    Category,
    ProductPhoto,
    ProductVariant,
    list_categories,
)
from models.demo_catalogue import seed_demo_catalogue
from models.storefront import category_page
from runtime.database import DatabaseEngine


async def test_an_empty_catalogue_is_filled_once(db: DatabaseEngine, tmp_path: Path) -> None:
    assert await seed_demo_catalogue(tmp_path / "photos")

    visible = [category.name for category in await list_categories()]
    assert visible == ["Футболки", "Худи и свитшоты", "Аксессуары"]
    assert await Category.count() == 4  # and a hidden one
    tees = await category_page((await list_categories())[0].id, offset=0, limit=10)
    assert tees is not None and tees.total == 2
    assert {p.title for p in tees.products} == {"Футболка базовая", "Футболка оверсайз"}
    assert await ProductVariant.count().where(ProductVariant.stock == 0) >= 1
    photos = await ProductPhoto.select(ProductPhoto.source)
    assert len(photos) == 9
    for row in photos:
        assert (await anyio.Path(row["source"]).read_bytes())[:4] == b"\x89PNG"

    assert not await seed_demo_catalogue(tmp_path / "photos")
    assert await Category.count() == 4
