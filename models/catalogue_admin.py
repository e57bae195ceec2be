"""What admins change in the catalogue: categories and products, each change one
transaction with its audit row (who, what, the object, before and after).

Variants and SKUs after creation are in `models.catalogue_variants`. Stock is not
written here: it belongs to the order processor (`models.stock`). New
variants start at 0 and get their stock from it. A product is deleted with its variants
and photos; past orders keep their snapshots (order items lose only the link), carts
show the line as removed. A category is deleted only when it holds no product.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from piccolo.query.functions.aggregate import Max

from models.admins import record_audit
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.clock import utcnow
from runtime.db_transaction import atomic

#: The product fields an admin edits by typing.
EDITABLE_FIELDS = ("title", "description", "price")


class CatalogueItemNotFound(LookupError):
    """Raised when the category, product, variant or photo named is gone."""

    def __init__(self, kind: str, item_id: int) -> None:
        super().__init__(f"{kind} {item_id} not found")
        self.kind = kind
        self.item_id = item_id


class CategoryNotEmpty(Exception):
    """Raised when a category to delete still holds `products` products."""

    def __init__(self, category_id: int, products: int) -> None:
        super().__init__(f"category {category_id} holds {products} products")
        self.category_id = category_id
        self.products = products


def _db() -> Any:
    return Category._meta.db


async def _category(category_id: int) -> Category:
    category = await Category.objects().where(Category.id == category_id).first()
    if category is None:
        raise CatalogueItemNotFound("category", category_id)
    return category


async def _product(product_id: int) -> Product:
    product = await Product.objects().where(Product.id == product_id).first()
    if product is None:
        raise CatalogueItemNotFound("product", product_id)
    return product


# -- categories ------------------------------------------------------------------------


async def create_category(admin_id: int, name: str) -> int:
    """A new visible category at the end of the list; its id."""
    async with atomic(_db()):
        rows = await Category.select(Max(Category.position, alias="last")).run()
        last = rows[0]["last"] if rows and rows[0]["last"] is not None else -1
        category = Category(name=name, position=int(last) + 1, is_hidden=False)
        await category.save().run()
        await record_audit(admin_id, "category.create", str(category.id), {"after": name})
    return int(category.id)


async def rename_category(admin_id: int, category_id: int, name: str) -> None:
    async with atomic(_db()):
        category = await _category(category_id)
        await Category.update({Category.name: name}).where(Category.id == category_id).run()
        await record_audit(
            admin_id,
            "category.rename",
            str(category_id),
            {"before": category.name, "after": name},
        )


async def move_category(admin_id: int, category_id: int, step: int) -> bool:
    """Move the category `step` places (-1 up, +1 down); False at either end."""
    async with atomic(_db()):
        ordered = await Category.objects().order_by(Category.position, Category.id).run()
        ids = [int(category.id) for category in ordered]
        if category_id not in ids:
            raise CatalogueItemNotFound("category", category_id)
        index = ids.index(category_id)
        target = index + step
        if not 0 <= target < len(ids):
            return False
        ids[index], ids[target] = ids[target], ids[index]
        for position, moved_id in enumerate(ids):
            await Category.update({Category.position: position}).where(Category.id == moved_id)
        await record_audit(
            admin_id, "category.move", str(category_id), {"before": index, "after": target}
        )
    return True


async def set_category_hidden(admin_id: int, category_id: int, hidden: bool) -> None:
    async with atomic(_db()):
        category = await _category(category_id)
        await Category.update({Category.is_hidden: hidden}).where(Category.id == category_id)
        action = "category.hide" if hidden else "category.show"
        await record_audit(
            admin_id, action, str(category_id), {"before": category.is_hidden, "after": hidden}
        )


async def delete_category(admin_id: int, category_id: int) -> None:
    """Delete an empty category; `CategoryNotEmpty` (nothing changed) when it holds
    products, hidden or not."""
    async with atomic(_db()):
        category = await _category(category_id)
        products = int(await Product.count().where(Product.category == category_id))
        if products:
            raise CategoryNotEmpty(category_id, products)
        await Category.delete().where(Category.id == category_id)
        await record_audit(admin_id, "category.delete", str(category_id), {"before": category.name})


# -- products --------------------------------------------------------------------------


@dataclass(frozen=True)
class NewProduct:
    """A product as the creation conversation gathered it."""

    category_id: int
    title: str
    description: str
    price: int
    sizes: Sequence[str]
    colours: Sequence[str | None]
    photo_file_ids: Sequence[str] = ()


def sku_base(product_id: int, size: str, colour: str | None) -> str:
    words = [re.sub(r"[^A-Za-z0-9]", "", part).upper() for part in (size, colour or "")]
    return "-".join(["P" + str(product_id), *(word for word in words if word)])


async def free_sku(base: str) -> str:
    """`base`, or `base` with a random suffix when another variant has it."""
    sku = base
    while await ProductVariant.exists().where(ProductVariant.sku == sku):
        sku = f"{base}-{secrets.token_hex(2).upper()}"
    return sku


async def create_product(admin_id: int, new: NewProduct) -> tuple[int, list[int]]:
    """The product, a variant per (size, colour) with a generated SKU and no stock, and
    its photos (Telegram file ids); its id and its variants' ids in grid order."""
    async with atomic(_db()):
        await _category(new.category_id)
        product = Product(
            category=new.category_id,
            title=new.title,
            description=new.description,
            price=new.price,
            is_available=True,
            created_at=utcnow(),
        )
        await product.save().run()
        product_id = int(product.id)
        variant_ids: list[int] = []
        for size in new.sizes:
            for colour in new.colours:
                sku = await free_sku(sku_base(product_id, size, colour))
                variant = ProductVariant(
                    product=product_id, size=size, colour=colour, sku=sku, stock=0
                )
                await variant.save().run()
                variant_ids.append(int(variant.id))
        for position, file_id in enumerate(new.photo_file_ids):
            photo = ProductPhoto(product=product_id, position=position, source="", file_id=file_id)
            await photo.save().run()
        details = {
            "after": {
                "title": new.title,
                "price": new.price,
                "category": new.category_id,
                "variants": variant_ids,
                "photos": len(new.photo_file_ids),
            }
        }
        await record_audit(admin_id, "product.create", str(product_id), details)
    return product_id, variant_ids


async def update_product(admin_id: int, product_id: int, field: str, value: str | int) -> None:
    """Set one of `EDITABLE_FIELDS`; orders placed before keep their prices and titles."""
    if field not in EDITABLE_FIELDS:
        raise ValueError(f"{field!r} is not an editable product field")
    column = Product._meta.get_column_by_name(field)
    async with atomic(_db()):
        product = await _product(product_id)
        before = getattr(product, field)
        await Product.update({column: value}).where(Product.id == product_id)
        await record_audit(
            admin_id, f"product.{field}", str(product_id), {"before": before, "after": value}
        )


async def move_product(admin_id: int, product_id: int, category_id: int) -> None:
    """Put the product in another category."""
    async with atomic(_db()):
        product = await _product(product_id)
        await _category(category_id)
        await Product.update({Product.category: category_id}).where(Product.id == product_id)
        details = {"before": int(product.category), "after": category_id}
        await record_audit(admin_id, "product.category", str(product_id), details)


async def set_product_available(admin_id: int, product_id: int, available: bool) -> None:
    async with atomic(_db()):
        product = await _product(product_id)
        await Product.update({Product.is_available: available}).where(Product.id == product_id)
        await record_audit(
            admin_id,
            "product.available",
            str(product_id),
            {"before": product.is_available, "after": available},
        )


async def delete_product(admin_id: int, product_id: int) -> int:
    """Delete the product with its variants and photos; its category's id."""
    async with atomic(_db()):
        product = await _product(product_id)
        variants = await ProductVariant.select(ProductVariant.sku, ProductVariant.stock).where(
            ProductVariant.product == product_id
        )
        await Product.delete().where(Product.id == product_id)
        before = {"title": product.title, "price": product.price, "variants": variants}
        await record_audit(admin_id, "product.delete", str(product_id), {"before": before})
    return int(product.category)
