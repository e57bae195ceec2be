"""Catalogue CSV files: checked line by line (pure), applied in one transaction by SKU,
exported so that the export re-imports to the same catalogue."""

from __future__ import annotations

import io
import json

import pytest

from models.admins import AuditLog
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.catalogue_export import export_catalogue
from models.catalogue_import import (
    MAX_REPORTED,
    CatalogueFile,
    LineError,
    parse_price,
    read_catalogue,
)
from models.catalogue_upsert import apply_catalogue
from runtime.database import DatabaseEngine
from tests.fixtures.catalogue_files import catalogue_rows, csv_bytes, sku

ADMIN = 900_002


def read(data: bytes) -> CatalogueFile:
    return read_catalogue(io.BytesIO(data))


def only_error(data: bytes) -> LineError:
    checked = read(data)
    assert checked.error_count == 1, checked.errors
    return checked.errors[0]


async def counts() -> tuple[int, int, int, int]:
    return (
        await Category.count(),
        await Product.count(),
        await ProductVariant.count(),
        await ProductPhoto.count(),
    )


async def stocks() -> dict[str, int]:
    rows = await ProductVariant.select(ProductVariant.sku, ProductVariant.stock)
    return {row["sku"]: int(row["stock"]) for row in rows}


# -- reading (pure) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kopecks"),
    [("1990", 199000), ("1 990", 199000), ("1990.50", 199050), ("1990,5", 199050)],
)
def test_prices_read_as_shoppers_type_them(typed: str, kopecks: int) -> None:
    assert parse_price(typed) == kopecks


@pytest.mark.parametrize("typed", ["", "abc", "-5", "0", "1.999", "12e3", "9" * 13])
def test_nonsense_prices_are_refused(typed: str) -> None:
    assert parse_price(typed) is None


def test_a_bom_and_semicolons_read_as_excel_writes_them() -> None:
    rows = catalogue_rows(8)
    plain = read(csv_bytes(rows))
    excel = read(csv_bytes(rows, delimiter=";", bom=True))
    assert plain.ok and excel.ok
    assert excel.rows == plain.rows
    first = excel.rows[0]
    assert (first.category, first.product, first.price, first.size) == (
        "Категория 0",
        "Футболка 0",
        199050,
        "S",
    )
    assert first.description == "Хлопок, модель 0.\nСтирка при 30°"
    assert first.photos == ("https://example.com/p0.jpg", "photos/p0-back.png")


def test_russian_headers_in_any_order_read_too() -> None:
    header = ["Артикул", "Категория", "Товар", "Цена", "Размер", "Остаток"]
    checked = read(csv_bytes([["A-1", "Платья", "Лето", "4 990", "M", "2"]], header=header))
    assert checked.ok
    assert (checked.rows[0].sku, checked.rows[0].price, checked.rows[0].colour) == (
        "A-1",
        499000,
        None,
    )


def test_lines_7_and_500_broken_are_named_and_nothing_is_kept() -> None:
    rows = catalogue_rows(1000)
    rows[5][3] = "дорого"  # line 7: the header is line 1
    rows[498][7] = "-2"  # line 500
    checked = read(csv_bytes(rows))
    assert not checked.ok
    assert checked.rows == ()
    assert checked.errors == (
        LineError(7, "price", "price"),
        LineError(500, "stock", "stock"),
    )


def test_only_the_first_twenty_errors_are_reported_with_the_total() -> None:
    rows = catalogue_rows(100)
    for row in rows[:30]:
        row[6] = ""
    checked = read(csv_bytes(rows))
    assert checked.error_count == 30
    assert len(checked.errors) == MAX_REPORTED
    assert [error.line for error in checked.errors] == list(range(2, 2 + MAX_REPORTED))


def test_a_sku_twice_names_the_earlier_line() -> None:
    rows = catalogue_rows(4)
    rows[3][6] = rows[1][6]
    assert only_error(csv_bytes(rows)) == LineError(5, "sku_twice", "sku", 3)


def test_one_product_has_one_price() -> None:
    rows = catalogue_rows(4)
    rows[2][3] = "1"
    assert only_error(csv_bytes(rows)) == LineError(4, "differs", "price", 2)


def test_blank_description_and_photos_mean_as_on_the_other_lines() -> None:
    rows = catalogue_rows(4)
    rows[0][2] = rows[0][8] = ""
    checked = read(csv_bytes(rows))
    assert checked.ok
    assert checked.rows[0].description == checked.rows[1].description != ""
    assert checked.rows[0].photos == checked.rows[1].photos != ()


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        (0, " ", "required"),
        (1, "x" * 256, "too_long"),
        (6, "has space", "sku"),
        (7, "1.5", "stock"),
        (7, "1000001", "stock"),
        (8, "/etc/passwd", "photo"),
        (8, "|".join(f"p{i}.jpg" for i in range(11)), "photos_many"),
    ],
)
def test_bad_cells_are_named(column: int, value: str, code: str) -> None:
    rows = catalogue_rows(1)
    rows[0][column] = value
    assert only_error(csv_bytes(rows)).code == code


def test_a_missing_column_a_file_not_in_utf8_and_an_empty_file_are_refused() -> None:
    header = ("category", "product", "price", "size", "stock")
    assert only_error(csv_bytes([], header=header)) == LineError(1, "header", "sku")
    assert only_error("category,product\nПлатья".encode("cp1251")).code == "encoding"
    assert only_error(b"").code == "empty"
    assert only_error(csv_bytes([])).code == "empty"


def test_control_characters_are_cleaned_before_anything_is_kept() -> None:
    rows = catalogue_rows(1)
    rows[0][1] = "Футболка\x00\u202e 1"
    assert read(csv_bytes(rows)).rows[0].product == "Футболка 1"


# -- applying (PostgreSQL and SQLite) ---------------------------------------------------


async def test_a_valid_thousand_variant_file_creates_everything(db: DatabaseEngine) -> None:
    checked = read(csv_bytes(catalogue_rows(1000), delimiter=";", bom=True))
    assert checked.ok
    result = await apply_catalogue(checked.rows, admin_id=ADMIN)
    assert (result.categories_created, result.products_created, result.variants_created) == (
        25,
        250,
        1000,
    )
    assert (result.products_updated, result.variants_updated) == (0, 0)
    assert await counts() == (25, 250, 1000, 500)
    assert set((await stocks()).values()) == {3}
    audit = await AuditLog.objects().where(AuditLog.action == "catalogue.import")
    assert len(audit) == 1
    assert audit[0].actor_id == ADMIN
    details = audit[0].details
    assert (
        json.loads(details if isinstance(details, str) else json.dumps(details))["variants_created"]
        == 1000
    )


async def test_re_import_updates_stock_by_sku_and_reports_what_sold_out_and_came_back(
    db: DatabaseEngine,
) -> None:
    rows = catalogue_rows(40)
    rows[0][7] = "0"
    first = await apply_catalogue(read(csv_bytes(rows)).rows, admin_id=ADMIN)
    assert first.restocked == first.sold_out == ()
    ids = {row["sku"]: int(row["id"]) for row in await ProductVariant.select()}

    rows[0][7] = "5"  # back in stock
    rows[1][7] = "0"  # sold out
    rows[2][7] = "7"
    for row in rows[4:8]:
        row[3] = "2500"  # a product's new price
    checked = read(csv_bytes(rows))
    assert checked.ok
    again = await apply_catalogue(checked.rows, admin_id=ADMIN)

    assert again.restocked == (ids[sku(0)],)
    assert again.sold_out == (ids[sku(1)],)
    assert (again.variants_created, again.variants_updated) == (0, 3)
    assert (again.products_created, again.products_updated) == (0, 1)
    assert (await stocks())[sku(0)] == 5
    assert (await stocks())[sku(2)] == 7
    assert await counts() == (1, 10, 40, 20)
    prices = {p["title"]: p["price"] for p in await Product.select(Product.title, Product.price)}
    assert prices["Футболка 1"] == 250000


async def test_the_same_file_twice_changes_nothing_the_second_time(db: DatabaseEngine) -> None:
    rows = read(csv_bytes(catalogue_rows(40))).rows
    await apply_catalogue(rows, admin_id=ADMIN)
    again = await apply_catalogue(rows, admin_id=ADMIN)
    assert again.counts() == dict.fromkeys(again.counts(), 0)


async def test_the_exported_catalogue_re_imports_to_the_same_catalogue(
    db: DatabaseEngine,
) -> None:
    original = read(csv_bytes(catalogue_rows(120))).rows
    await apply_catalogue(original, admin_id=ADMIN)
    before = (await counts(), await stocks())

    exported = await export_catalogue(";")
    assert exported.data.startswith("\ufeff".encode())
    assert exported.lines == 120
    again = read(io.BytesIO(exported.data).getvalue())
    assert again.ok

    def without_lines(rows: tuple[object, ...]) -> list[tuple[object, ...]]:
        return sorted(tuple(vars_of(row)[1:]) for row in rows)

    assert without_lines(again.rows) == without_lines(original)
    result = await apply_catalogue(again.rows, admin_id=ADMIN)
    assert result.counts() == dict.fromkeys(result.counts(), 0)
    assert (await counts(), await stocks()) == before


def vars_of(row: object) -> tuple[object, ...]:
    slots: tuple[str, ...] = getattr(row, "__slots__", ())
    return tuple(getattr(row, name) for name in slots)


async def test_an_import_that_fails_half_way_changes_nothing(
    db: DatabaseEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    await apply_catalogue(read(csv_bytes(catalogue_rows(8))).rows, admin_id=ADMIN)
    before = (await counts(), await stocks(), await AuditLog.count())

    async def broken(*_args: object) -> None:
        raise RuntimeError("the photos step failed")

    monkeypatch.setattr("models.catalogue_upsert._photos", broken)
    bigger = read(csv_bytes(catalogue_rows(100, stock=9))).rows
    with pytest.raises(RuntimeError):
        await apply_catalogue(bigger, admin_id=ADMIN)
    assert (await counts(), await stocks(), await AuditLog.count()) == before
