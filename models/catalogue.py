"""The catalogue: categories, products, their photos and their variants (size, colour).

Prices are integer kopecks. Stock lives on the variant; the database refuses a negative
stock (CHECK on PostgreSQL, triggers on SQLite, both from the first migration), and the
operations here decrement only with a guard, so a refusal surfaces as
`InsufficientStock` rather than a driver error.
"""

from __future__ import annotations

from piccolo.columns import (
    BigInt,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.query.functions.aggregate import Count
from piccolo.table import Table


class InsufficientStock(Exception):
    """A variant has fewer items in stock than were asked for."""

    def __init__(self, variant_id: int, requested: int) -> None:
        self.variant_id = variant_id
        self.requested = requested
        super().__init__(f"variant {variant_id}: not enough stock for {requested}")


class Category(Table, tablename="categories"):
    id = Serial(primary_key=True)
    name = Varchar(length=128)
    position = Integer(default=0)
    is_hidden = Boolean(default=False)


class Product(Table, tablename="products"):
    id = Serial(primary_key=True)
    category = ForeignKey(
        Category, null=False, on_delete=OnDelete.restrict, db_column_name="category_id"
    )
    title = Varchar(length=255)
    description = Text(default="")
    price = BigInt()
    is_available = Boolean(default=True)
    created_at = Timestamptz()


class ProductPhoto(Table, tablename="product_photos"):
    """`source` says where the bytes are (a file path or URL) for the first upload;
    `file_id` caches Telegram's id of the uploaded photo for every later send."""

    id = Serial(primary_key=True)
    product = ForeignKey(
        Product,
        null=False,
        on_delete=OnDelete.cascade,
        index=True,
        db_column_name="product_id",
    )
    position = Integer(default=0)
    source = Text()
    file_id = Varchar(length=255, null=True, default=None)


class ProductVariant(Table, tablename="product_variants"):
    id = Serial(primary_key=True)
    product = ForeignKey(
        Product,
        null=False,
        on_delete=OnDelete.cascade,
        index=True,
        db_column_name="product_id",
    )
    size = Varchar(length=32)
    colour = Varchar(length=64, null=True, default=None)
    sku = Varchar(length=64, unique=True)
    stock = Integer(default=0)


async def list_categories(*, include_hidden: bool = False) -> list[Category]:
    query = Category.objects().order_by(Category.position, Category.id)
    if not include_hidden:
        query = query.where(Category.is_hidden.eq(False))
    return await query.run()


async def list_products(category_id: int, *, only_available: bool = True) -> list[Product]:
    query = (
        Product.objects()
        .where(Product.category == category_id)
        .order_by(Product.created_at, ascending=False)
    )
    if only_available:
        query = query.where(Product.is_available.eq(True))
    return await query.run()


async def get_product(product_id: int) -> Product | None:
    return await Product.objects().where(Product.id == product_id).first().run()


# -- what the shop offers shoppers: models/storefront.py (plain SQL, the hot path) ------


async def list_variants(product_id: int) -> list[ProductVariant]:
    return await (
        ProductVariant.objects()
        .where(ProductVariant.product == product_id)
        .order_by(ProductVariant.id)
        .run()
    )


async def list_photos(product_id: int) -> list[ProductPhoto]:
    return await (
        ProductPhoto.objects()
        .where(ProductPhoto.product == product_id)
        .order_by(ProductPhoto.position, ProductPhoto.id)
        .run()
    )


async def cache_photo_file_id(photo_id: int, file_id: str) -> None:
    """Remember Telegram's file id after the first upload of a photo."""
    await (
        ProductPhoto.update({ProductPhoto.file_id: file_id})
        .where(ProductPhoto.id == photo_id)
        .run()
    )


async def adjust_stock(variant_id: int, delta: int) -> int:
    """Add `delta` (negative to take away) to a variant's stock; return the new stock.

    One guarded UPDATE, safe against concurrent buyers: raises `InsufficientStock`
    (and changes nothing) when the stock would go below zero or the variant is gone.
    """
    rows = await (
        ProductVariant.update({ProductVariant.stock: ProductVariant.stock + delta})
        .where(ProductVariant.id == variant_id, ProductVariant.stock >= -delta)
        .returning(ProductVariant.stock)
        .run()
    )
    if not rows:
        raise InsufficientStock(variant_id, -delta)
    return int(rows[0]["stock"])


# -- what admins see: everything, hidden and sold out included ---------------------------


async def get_category(category_id: int) -> Category | None:
    return await Category.objects().where(Category.id == category_id).first().run()


async def count_products_by_category() -> dict[int, int]:
    """How many products (any state) each category holds; absent means none."""
    rows = await Product.select(Product.category, Count(alias="products")).group_by(
        Product.category
    )
    return {int(row["category_id"]): int(row["products"]) for row in rows}


async def page_of_products(
    category_id: int, *, offset: int, limit: int
) -> tuple[list[Product], int]:
    """One page of a category's products in any state, newest first, and their number."""
    where = Product.category == category_id
    page = await (
        Product.objects()
        .where(where)
        .order_by(Product.created_at, Product.id, ascending=False)
        .offset(offset)
        .limit(limit)
        .run()
    )
    return page, int(await Product.count().where(where).run())


async def get_variant(variant_id: int) -> ProductVariant | None:
    return await ProductVariant.objects().where(ProductVariant.id == variant_id).first().run()


async def get_photo(photo_id: int) -> ProductPhoto | None:
    return await ProductPhoto.objects().where(ProductPhoto.id == photo_id).first().run()
