"""Photos admins add to a product in the bot, stored by Telegram `file_id` (the demo's
and files' photos keep their `source`). At most `PHOTOS_MAX` per product (one album);
positions are kept 0..n-1 in order. Every change is one transaction with its audit row.
"""

from __future__ import annotations

from typing import Any

from models.admins import record_audit
from models.catalogue import Product, ProductPhoto
from models.catalogue_admin import CatalogueItemNotFound
from runtime.db_transaction import atomic

PHOTOS_MAX = 10


class TooManyPhotos(Exception):
    """Raised when a product already has `PHOTOS_MAX` photos."""

    def __init__(self, product_id: int) -> None:
        super().__init__(f"product {product_id} has {PHOTOS_MAX} photos already")
        self.product_id = product_id


def _db() -> Any:
    return ProductPhoto._meta.db


async def _ordered(product_id: int) -> list[ProductPhoto]:
    return await (
        ProductPhoto.objects()
        .where(ProductPhoto.product == product_id)
        .order_by(ProductPhoto.position, ProductPhoto.id)
        .run()
    )


async def _photo(photo_id: int) -> ProductPhoto:
    photo = await ProductPhoto.objects().where(ProductPhoto.id == photo_id).first()
    if photo is None:
        raise CatalogueItemNotFound("photo", photo_id)
    return photo


async def _renumber(photo_ids: list[int]) -> None:
    for position, photo_id in enumerate(photo_ids):
        await ProductPhoto.update({ProductPhoto.position: position}).where(
            ProductPhoto.id == photo_id
        )


async def add_photo(admin_id: int, product_id: int, file_id: str) -> int:
    """Add a photo at the end; its id. `TooManyPhotos` when the product is full."""
    async with atomic(_db()):
        if not await Product.exists().where(Product.id == product_id):
            raise CatalogueItemNotFound("product", product_id)
        photos = await _ordered(product_id)
        if len(photos) >= PHOTOS_MAX:
            raise TooManyPhotos(product_id)
        photo = ProductPhoto(product=product_id, position=len(photos), source="", file_id=file_id)
        await photo.save().run()
        await record_audit(
            admin_id, "photo.add", str(product_id), {"after": {"photo": int(photo.id)}}
        )
    return int(photo.id)


async def move_photo(admin_id: int, photo_id: int, step: int) -> bool:
    """Move the photo `step` places (-1 earlier, +1 later); False at either end."""
    async with atomic(_db()):
        photo = await _photo(photo_id)
        ids = [int(item.id) for item in await _ordered(int(photo.product))]
        index = ids.index(photo_id)
        target = index + step
        if not 0 <= target < len(ids):
            return False
        ids[index], ids[target] = ids[target], ids[index]
        await _renumber(ids)
        await record_audit(
            admin_id, "photo.move", str(photo.product), {"before": index, "after": target}
        )
    return True


async def replace_photo(admin_id: int, photo_id: int, file_id: str) -> int:
    """Put another picture in the photo's place; the product's id."""
    async with atomic(_db()):
        photo = await _photo(photo_id)
        await ProductPhoto.update({ProductPhoto.file_id: file_id, ProductPhoto.source: ""}).where(
            ProductPhoto.id == photo_id
        )
        await record_audit(
            admin_id,
            "photo.replace",
            str(photo.product),
            {"before": photo.file_id or photo.source, "after": file_id},
        )
    return int(photo.product)


async def delete_photo(admin_id: int, photo_id: int) -> int:
    """Delete the photo; the product's id."""
    async with atomic(_db()):
        photo = await _photo(photo_id)
        product_id = int(photo.product)
        await ProductPhoto.delete().where(ProductPhoto.id == photo_id)
        await _renumber([int(item.id) for item in await _ordered(product_id)])
        await record_audit(
            admin_id, "photo.delete", str(product_id), {"before": photo.file_id or photo.source}
        )
    return product_id
