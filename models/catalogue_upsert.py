"""Applying a checked catalogue file (`models.catalogue_import`): one transaction.

Only the order processor calls `apply_catalogue` (it is the one writer of stock,
DESIGN.md). What the file names is matched, not duplicated:
- a category by its name, a product by (category, product name): created when missing;
- a variant by its SKU: created when new; otherwise moved to the file's product and
  given the file's size, colour and stock;
- a product's price and description become the file's; its photos too when the file
  gives some (compared by reference: a photo's source, or its Telegram file id when it
  has no source, which is what the export writes).
Nothing the file does not name is changed or deleted. Applying the same file twice
changes nothing the second time.

Round trips are few whatever the size: every table is read once, inserts are chunked
bulk statements, updates are grouped by their new values (`WHERE id IN (...)`: stock
apart from the rest, so restocking 10k variants is one statement per stock count).
Products whose price or description changed are one statement per distinct pair.
The audit row is written in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from models.admins import record_audit
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.catalogue_import import ImportRow, is_file_id
from models.clock import utcnow
from runtime.db_transaction import atomic

CHUNK = 1000  # rows per statement: far under the 32767 parameters of one insert
T = TypeVar("T")


@dataclass(frozen=True)
class ImportResult:
    """What an import changed. `restocked`: ids of variants whose stock went from 0 to
    more; `sold_out`: from more to 0 (for back-in-stock notices and channel posts)."""

    categories_created: int = 0
    products_created: int = 0
    products_updated: int = 0
    variants_created: int = 0
    variants_updated: int = 0
    restocked: tuple[int, ...] = ()
    sold_out: tuple[int, ...] = ()

    def counts(self) -> dict[str, int]:
        return {
            "categories_created": self.categories_created,
            "products_created": self.products_created,
            "products_updated": self.products_updated,
            "variants_created": self.variants_created,
            "variants_updated": self.variants_updated,
        }


@dataclass
class _Tally:
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    restocked: list[int] = field(default_factory=list)
    sold_out: list[int] = field(default_factory=list)
    updated_products: set[int] = field(default_factory=set)
    created_products: set[int] = field(default_factory=set)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterable[Sequence[T]]:
    return (items[start : start + size] for start in range(0, len(items), size))


async def apply_catalogue(rows: Sequence[ImportRow], *, admin_id: int) -> ImportResult:
    """Create or update what `rows` (a valid file) say, in one transaction, audited."""
    tally = _Tally()
    async with atomic(Category._meta.db):
        categories = await _categories(rows, tally)
        products = await _products(rows, categories, tally)
        await _variants(rows, products, tally)
        await _photos(rows, products, tally)
        tally.counts["products_updated"] = len(tally.updated_products)
        result = ImportResult(
            **tally.counts, restocked=tuple(tally.restocked), sold_out=tuple(tally.sold_out)
        )
        details = {"lines": len(rows), **result.counts()}
        await record_audit(admin_id, "catalogue.import", "", details)
    return result


async def _categories(rows: Sequence[ImportRow], tally: _Tally) -> dict[str, int]:
    """Category id by name, creating the missing ones (after the others, in file order)."""
    known: dict[str, int] = {}
    last = 0
    for row in await Category.select(Category.id, Category.name, Category.position).order_by(
        Category.id
    ):
        known.setdefault(row["name"], int(row["id"]))
        last = max(last, int(row["position"]))
    missing = list(dict.fromkeys(row.category for row in rows if row.category not in known))
    for part in chunks(missing):
        created = await Category.insert(
            *(Category(name=name, position=last + 1 + index) for index, name in enumerate(part))
        ).returning(Category.id, Category.name)
        known.update((row["name"], int(row["id"])) for row in created)
        last += len(part)
    tally.counts["categories_created"] += len(missing)
    return known


async def _products(
    rows: Sequence[ImportRow], categories: dict[str, int], tally: _Tally
) -> dict[tuple[str, str], int]:
    """Product id by (category name, product name): created or brought up to date."""
    wanted: dict[tuple[int, str], ImportRow] = {}
    for row in rows:
        wanted.setdefault((categories[row.category], row.product), row)
    existing: dict[tuple[int, str], dict[str, Any]] = {}
    for product in await Product.select(
        Product.id, Product.category, Product.title, Product.description, Product.price
    ).order_by(Product.id):
        existing.setdefault((int(product["category_id"]), product["title"]), product)
    ids: dict[tuple[int, str], int] = {}
    changes: dict[tuple[str, int], list[int]] = defaultdict(list)
    for key, row in wanted.items():
        found = existing.get(key)
        if found is None:
            continue
        ids[key] = int(found["id"])
        if (found["description"], int(found["price"])) != (row.description, row.price):
            changes[(row.description, row.price)].append(ids[key])
    for (description, price), product_ids in changes.items():
        for part in chunks(product_ids):
            await Product.update({Product.description: description, Product.price: price}).where(
                Product.id.is_in(list(part))
            )
    tally.updated_products.update(pid for group in changes.values() for pid in group)
    new = [key for key in wanted if key not in ids]
    now = utcnow()
    for keys in chunks(new):
        created = await Product.insert(
            *(
                Product(
                    category=key[0],
                    title=key[1],
                    description=wanted[key].description,
                    price=wanted[key].price,
                    is_available=True,
                    created_at=now,
                )
                for key in keys
            )
        ).returning(Product.id, Product.category, Product.title)
        ids.update(((int(row["category_id"]), row["title"]), int(row["id"])) for row in created)
        tally.created_products.update(int(row["id"]) for row in created)
    tally.counts["products_created"] += len(new)
    return {row.product_key: ids[(categories[row.category], row.product)] for row in rows}


async def _variants(
    rows: Sequence[ImportRow], products: dict[tuple[str, str], int], tally: _Tally
) -> None:
    existing = {
        variant["sku"]: variant
        for variant in await ProductVariant.select(
            ProductVariant.id,
            ProductVariant.sku,
            ProductVariant.product,
            ProductVariant.size,
            ProductVariant.colour,
            ProductVariant.stock,
        )
    }
    # Stock and the rest are updated apart: a stock count is shared by many variants
    # (one statement per count), a move or rename is rare.
    stock_changes: dict[int, list[int]] = defaultdict(list)
    other_changes: dict[tuple[int, str, str | None], list[int]] = defaultdict(list)
    new: list[ProductVariant] = []
    for row in rows:
        product_id = products[row.product_key]
        found = existing.get(row.sku)
        if found is None:
            new.append(
                ProductVariant(
                    product=product_id,
                    size=row.size,
                    colour=row.colour,
                    sku=row.sku,
                    stock=row.stock,
                )
            )
            continue
        variant_id, old_stock = int(found["id"]), int(found["stock"])
        values = (product_id, row.size, row.colour)
        if (int(found["product_id"]), found["size"], found["colour"]) != values:
            other_changes[values].append(variant_id)
        if old_stock != row.stock:
            stock_changes[row.stock].append(variant_id)
            if old_stock <= 0 < row.stock:
                tally.restocked.append(variant_id)
            elif row.stock <= 0 < old_stock:
                tally.sold_out.append(variant_id)
    for (product_id, size, colour), variant_ids in other_changes.items():
        for part in chunks(variant_ids):
            await ProductVariant.update(
                {
                    ProductVariant.product: product_id,
                    ProductVariant.size: size,
                    ProductVariant.colour: colour,
                }
            ).where(ProductVariant.id.is_in(list(part)))
    for stock, variant_ids in stock_changes.items():
        for part in chunks(variant_ids):
            await ProductVariant.update({ProductVariant.stock: stock}).where(
                ProductVariant.id.is_in(list(part))
            )
    for batch in chunks(new):
        await ProductVariant.insert(*batch)
    updated = {vid for group in (*stock_changes.values(), *other_changes.values()) for vid in group}
    tally.counts["variants_updated"] += len(updated)
    tally.counts["variants_created"] += len(new)


def photo_reference(source: str, file_id: str | None) -> str:
    """How a file names a stored photo: its source, or its Telegram file id."""
    return source or (file_id or "")


async def _photos(
    rows: Sequence[ImportRow], products: dict[tuple[str, str], int], tally: _Tally
) -> None:
    """Replace the photos of each product whose file gives a different list."""
    wanted: dict[int, tuple[str, ...]] = {}
    for row in rows:
        if row.photos:
            wanted.setdefault(products[row.product_key], row.photos)
    if not wanted:
        return
    current: dict[int, list[str]] = defaultdict(list)
    for photo in await ProductPhoto.select(
        ProductPhoto.product, ProductPhoto.source, ProductPhoto.file_id
    ).order_by(ProductPhoto.position, ProductPhoto.id):
        current[int(photo["product_id"])].append(photo_reference(photo["source"], photo["file_id"]))
    replaced = [pid for pid, photos in wanted.items() if tuple(current.get(pid, ())) != photos]
    for part in chunks(replaced):
        await ProductPhoto.delete().where(ProductPhoto.product.is_in(list(part)))
    new = [
        ProductPhoto(product=pid, position=position, source="", file_id=reference)
        if is_file_id(reference)
        else ProductPhoto(product=pid, position=position, source=reference)
        for pid in replaced
        for position, reference in enumerate(wanted[pid])
    ]
    for batch in chunks(new):
        await ProductPhoto.insert(*batch)
    tally.updated_products.update(set(replaced) - tally.created_products)
