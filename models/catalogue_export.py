"""Exports as CSV files: the catalogue (re-imports to the same catalogue) and orders.

Files are UTF-8 with a byte order mark, so Excel opens Cyrillic correctly, delimited by
`;` (Excel in Russian locales) or `,`. The catalogue is written in the columns
`models.catalogue_import` reads, one line per variant, every product field on every
line. Orders are one line per order with its items in one cell; cells people typed
(name, address, comment...) that would start a spreadsheet formula are prefixed with
`'`, so opening the file never runs what a shopper wrote.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.catalogue_import import COLUMNS, PHOTO_SEPARATOR, format_price_cell
from models.catalogue_upsert import photo_reference
from models.orders import Order, OrderItem

ORDER_COLUMNS = (
    "order",
    "created_at",
    "status",
    "payment_method",
    "total",
    "currency",
    "customer_name",
    "phone",
    "delivery_method",
    "address",
    "comment",
    "items",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvFile:
    data: bytes
    lines: int  # not counting the header


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str) -> CsvFile:
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    lines = 0
    for row in rows:
        writer.writerow(row)
        lines += 1
    text.flush()
    text.detach()
    return CsvFile(buffer.getvalue(), lines)


async def export_catalogue(delimiter: str = ";") -> CsvFile:
    """Every variant of every product, categories in menu order (a few statements)."""
    categories = await Category.select(Category.id, Category.name).order_by(
        Category.position, Category.id
    )
    by_category: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for product in await Product.select(
        Product.id, Product.category, Product.title, Product.description, Product.price
    ).order_by(Product.id):
        by_category[int(product["category_id"])].append(product)
    variants: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for variant in await ProductVariant.select(
        ProductVariant.product,
        ProductVariant.size,
        ProductVariant.colour,
        ProductVariant.sku,
        ProductVariant.stock,
    ).order_by(ProductVariant.id):
        variants[int(variant["product_id"])].append(variant)
    photos: dict[int, list[str]] = defaultdict(list)
    for photo in await ProductPhoto.select(
        ProductPhoto.product, ProductPhoto.source, ProductPhoto.file_id
    ).order_by(ProductPhoto.position, ProductPhoto.id):
        reference = photo_reference(photo["source"], photo["file_id"])
        if reference:
            photos[int(photo["product_id"])].append(reference)

    def rows() -> Iterable[list[object]]:
        for category in categories:
            for product in by_category[int(category["id"])]:
                for variant in variants[int(product["id"])]:
                    yield [
                        category["name"],
                        product["title"],
                        product["description"],
                        format_price_cell(int(product["price"])),
                        variant["size"],
                        variant["colour"] or "",
                        variant["sku"],
                        variant["stock"],
                        PHOTO_SEPARATOR.join(photos[int(product["id"])]),
                    ]

    return write_csv(COLUMNS, rows(), delimiter)


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _item(item: dict[str, Any]) -> str:
    variant = " / ".join(part for part in (item["size"], item["colour"]) if part)
    return f"{item['product_title']} ({variant}) x {item['quantity']}"


async def export_orders(
    since: datetime | None, status: str | None, delimiter: str = ";"
) -> CsvFile:
    """Orders created at `since` or later (None: all), with `status` (None: any), oldest
    first; times in UTC."""
    query = Order.select(
        Order.id,
        Order.created_at,
        Order.status,
        Order.payment_method,
        Order.total,
        Order.currency,
        Order.customer_name,
        Order.phone,
        Order.delivery_method,
        Order.address,
        Order.comment,
    ).order_by(Order.id)
    if since is not None:
        query = query.where(Order.created_at >= since)
    if status is not None:
        query = query.where(Order.status == status)
    orders = await query
    items: dict[int, list[str]] = defaultdict(list)
    if orders:
        first = int(orders[0]["id"])
        for item in (
            await OrderItem.select(
                OrderItem.order,
                OrderItem.product_title,
                OrderItem.size,
                OrderItem.colour,
                OrderItem.quantity,
            )
            .where(OrderItem.order >= first)
            .order_by(OrderItem.id)
        ):
            items[int(item["order_id"])].append(_item(item))

    def rows() -> Iterable[list[object]]:
        for order in orders:
            created: datetime = order["created_at"]
            yield [
                order["id"],
                created.strftime("%Y-%m-%d %H:%M"),
                order["status"],
                order["payment_method"],
                format_price_cell(int(order["total"])),
                order["currency"],
                _safe(order["customer_name"]),
                _safe(order["phone"]),
                order["delivery_method"],
                _safe(order["address"]),
                _safe(order["comment"]),
                _safe("; ".join(items[int(order["id"])])),
            ]

    return write_csv(ORDER_COLUMNS, rows(), delimiter)
