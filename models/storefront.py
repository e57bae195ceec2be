"""What shoppers browse: the catalogue's hot reads, one plain SQL statement each.

Every update of a shopper's browsing reads one of these, so each is a single statement
through Piccolo's `raw` (the same SQL on PostgreSQL and SQLite) that returns plain
values: no foreign-key traversal, no table objects built per row. The tables, their
migrations and the admin's reads stay in `models.catalogue`.

A product is *offered* when it is available, its category is not hidden, and at least
one of its variants is in stock; shoppers only ever see offered products. That rule is
written once here (`_OFFERED`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.catalogue import Category
from runtime.db_raw import fetch_rows

#: `p` a row of products, `c` its category: the product is offered.
_OFFERED = (
    "p.is_available = TRUE AND c.is_hidden = FALSE AND EXISTS "
    "(SELECT 1 FROM product_variants iv WHERE iv.product_id = p.id AND iv.stock > 0)"
)


@dataclass(frozen=True, slots=True)
class ShopCategory:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ShopProduct:
    id: int
    category: int  # the category's id
    title: str
    description: str
    price: int  # minor units


@dataclass(frozen=True, slots=True)
class ShopVariant:
    id: int
    product: int  # the product's id
    size: str
    colour: str | None
    stock: int


@dataclass(frozen=True, slots=True)
class ShopPhoto:
    """`source` is where the bytes are for the first upload; `file_id` Telegram's id of
    the uploaded photo, for every later send."""

    id: int
    position: int
    source: str
    file_id: str | None


@dataclass(frozen=True, slots=True)
class OfferedProduct:
    """An offered product with every variant (sold-out ones too) and its photos."""

    product: ShopProduct
    variants: list[ShopVariant]
    photos: list[ShopPhoto]

    @property
    def in_stock(self) -> list[ShopVariant]:
        return [variant for variant in self.variants if variant.stock > 0]

    @property
    def sold_out(self) -> list[ShopVariant]:
        return [variant for variant in self.variants if variant.stock <= 0]


@dataclass(frozen=True, slots=True)
class OfferedVariant:
    """A variant in stock of an offered product."""

    variant: ShopVariant
    product: ShopProduct


@dataclass(frozen=True, slots=True)
class CategoryPage:
    """One page of a visible category's offered products, newest first."""

    category: ShopCategory
    products: list[ShopProduct]
    total: int  # offered products in the whole category


async def _rows(sql: str, *args: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await fetch_rows(Category, sql, *args)
    return rows


async def list_visible_categories() -> list[ShopCategory]:
    rows = await _rows(
        "SELECT id, name FROM categories WHERE is_hidden = FALSE ORDER BY position, id"
    )
    return [ShopCategory(int(row["id"]), str(row["name"])) for row in rows]


async def category_page(category_id: int, *, offset: int, limit: int) -> CategoryPage | None:
    """The page at `offset`, and how many offered products the category has; None when
    the category is gone or hidden. One statement: the first product's row always comes
    back (it carries the total), so a page past the end still says how many there are."""
    rows = await _rows(
        "SELECT c.id AS category_id, c.name AS category_name, o.id, o.title, o.description,"
        " o.price, o.n, o.total"
        " FROM categories c LEFT JOIN ("
        "  SELECT p.id, p.title, p.description, p.price,"
        "   row_number() OVER (ORDER BY p.created_at DESC, p.id DESC) AS n,"
        "   count(*) OVER () AS total"
        "  FROM products p JOIN categories c ON c.id = p.category_id"
        f"  WHERE p.category_id = {{}} AND {_OFFERED}"
        " ) o ON (o.n > {} AND o.n <= {}) OR o.n = 1"
        " WHERE c.id = {} AND c.is_hidden = FALSE"
        " ORDER BY o.n",
        category_id,
        offset,
        offset + limit,
        category_id,
    )
    if not rows:
        return None
    first = rows[0]
    category = ShopCategory(int(first["category_id"]), str(first["category_name"]))
    products = [
        ShopProduct(
            int(row["id"]), category.id, row["title"], row["description"], int(row["price"])
        )
        for row in rows
        if row["id"] is not None and int(row["n"]) > offset
    ]
    return CategoryPage(category, products, int(first["total"] or 0))


async def offered_product(product_id: int) -> OfferedProduct | None:
    """The product with its variants (by id) and photos (by position); None when it is
    not offered (deleted, unavailable, in a hidden category, or sold out everywhere).
    One statement: the product, its variants and its photos as rows of one union."""
    rows = await _rows(
        "WITH offered AS ("
        " SELECT p.id, p.category_id, p.title, p.description, p.price"
        " FROM products p JOIN categories c ON c.id = p.category_id"
        f" WHERE p.id = {{}} AND {_OFFERED})"
        " SELECT 0 AS kind, o.id, o.category_id AS ref, 0 AS sort, o.price AS number,"
        "  o.title AS a, o.description AS b FROM offered o"
        " UNION ALL"
        " SELECT 1, v.id, v.product_id, 0, v.stock, v.size, v.colour"
        "  FROM product_variants v JOIN offered o ON v.product_id = o.id"
        " UNION ALL"
        " SELECT 2, ph.id, ph.product_id, ph.position, NULL, ph.source, ph.file_id"
        "  FROM product_photos ph JOIN offered o ON ph.product_id = o.id"
        " ORDER BY kind, sort, id",
        product_id,
    )
    if not rows or rows[0]["kind"] != 0:
        return None
    head = rows[0]
    product = ShopProduct(
        int(head["id"]), int(head["ref"]), head["a"], head["b"] or "", int(head["number"])
    )
    variants = [
        ShopVariant(int(r["id"]), product.id, r["a"], r["b"], int(r["number"]))
        for r in rows
        if r["kind"] == 1
    ]
    photos = [
        ShopPhoto(int(r["id"]), int(r["sort"]), r["a"], r["b"]) for r in rows if r["kind"] == 2
    ]
    return OfferedProduct(product, variants, photos)


async def offered_variant(variant_id: int) -> OfferedVariant | None:
    """The variant and its product, when the variant is in stock and the product offered."""
    rows = await _rows(
        "SELECT v.id, v.product_id, v.size, v.colour, v.stock,"
        " p.category_id, p.title, p.description, p.price"
        " FROM product_variants v JOIN products p ON p.id = v.product_id"
        " JOIN categories c ON c.id = p.category_id"
        " WHERE v.id = {} AND v.stock > 0 AND p.is_available = TRUE AND c.is_hidden = FALSE",
        variant_id,
    )
    if not rows:
        return None
    row = rows[0]
    product = ShopProduct(
        int(row["product_id"]),
        int(row["category_id"]),
        row["title"],
        row["description"],
        int(row["price"]),
    )
    variant = ShopVariant(int(row["id"]), product.id, row["size"], row["colour"], int(row["stock"]))
    return OfferedVariant(variant, product)
