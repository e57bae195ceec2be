"""Reading a catalogue CSV file: one line per variant, checked line by line, no I/O.

The file (what admins send and what `models.catalogue_export` writes) has a header row
naming its columns, in any order: category, product, description, price, size, colour,
SKU, stock, photos (English or Russian names; `color` too). It is UTF-8 with or without
a byte order mark, delimited by `,` or by `;` (as Excel writes it in Russian locales):
the header line decides. Photos are URLs, image file names (.jpg, .png, .webp) or
Telegram file ids (of photos sent to the bot), separated by `|`.

Rules (`validate_rows`, a pure function over the cells):
- a line's number is its row in a spreadsheet (the header is line 1); blank lines are
  skipped;
- category, product, price, size, SKU and stock are required; text is cleaned
  (`models.text_cleaning`) and length-checked against its column;
- price as shoppers type it (`1990`, `1 990`, `1990.50`, `1990,50`), stock a whole
  number from 0 to `MAX_STOCK`;
- a SKU appears once in a file; one product (category + product name) has one line per
  size and colour, and its description, price and photos are the same on every line that
  gives them (a blank description or photos cell means "as on the product's other lines").

A file with any bad line is refused whole: the result carries the first `MAX_REPORTED`
errors (line number and why) and how many there were.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import IO

from models.text_cleaning import clean_text

COLUMNS = (
    "category",
    "product",
    "description",
    "price",
    "size",
    "colour",
    "sku",
    "stock",
    "photos",
)
REQUIRED = ("category", "product", "price", "size", "sku", "stock")
ALIASES = {
    "color": "colour",
    "категория": "category",
    "товар": "product",
    "описание": "description",
    "цена": "price",
    "размер": "size",
    "цвет": "colour",
    "артикул": "sku",
    "остаток": "stock",
    "фото": "photos",
}
#: Characters a column holds (those of `models.catalogue`'s tables).
LIMITS = {
    "category": 128,
    "product": 255,
    "description": 1000,
    "size": 32,
    "colour": 64,
    "sku": 64,
}
PHOTO_SEPARATOR = "|"
MAX_PHOTOS = 10  # an album
MAX_PHOTO_REFERENCE = 1024
MAX_STOCK = 1_000_000
MAX_PRICE = 100_000_000_00  # kopecks: a hundred million roubles
MAX_REPORTED = 20

_PRICE = re.compile(r"([0-9]{1,12})(?:[.,]([0-9]{1,2}))?")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_STOCK = re.compile(r"[0-9]{1,9}")
_SKU = re.compile(r"\S{1,64}")
_IMAGE = re.compile(r"[^\s].*\.(jpe?g|png|webp)", re.IGNORECASE)
_FILE_ID = re.compile(r"[A-Za-z0-9_-]{20,255}")


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One valid line: a variant and what it says of its product and category."""

    line: int
    category: str
    product: str
    description: str
    price: int  # kopecks
    size: str
    colour: str | None
    sku: str
    stock: int
    photos: tuple[str, ...]

    @property
    def product_key(self) -> tuple[str, str]:
        return (self.category, self.product)


@dataclass(frozen=True, slots=True)
class LineError:
    """Why line `line` is refused: `code` names the rule (the bot words it), `column` the
    cell, `other` an earlier line it conflicts with."""

    line: int
    code: str
    column: str = ""
    other: int = 0


@dataclass(frozen=True)
class CatalogueFile:
    """The valid rows, or (when `error_count` > 0) the first errors: then nothing may be
    applied."""

    rows: tuple[ImportRow, ...] = ()
    errors: tuple[LineError, ...] = ()
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and bool(self.rows)


def parse_price(raw: str) -> int | None:
    """Kopecks from a price as people type it; None for nonsense, zero or too much."""
    match = _PRICE.fullmatch(_SPACES.sub("", raw))
    if match is None:
        return None
    whole, fraction = match.groups()
    kopecks = int(whole) * 100 + int((fraction or "0").ljust(2, "0"))
    return kopecks if 0 < kopecks <= MAX_PRICE else None


def format_price_cell(kopecks: int) -> str:
    """A price as the file writes it (`1990`, `1990.50`): `parse_price` reads it back."""
    whole, fraction = divmod(kopecks, 100)
    return f"{whole}.{fraction:02d}" if fraction else str(whole)


def split_photos(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(PHOTO_SEPARATOR) if part.strip())


def _photo_ok(reference: str) -> bool:
    if len(reference) > MAX_PHOTO_REFERENCE or clean_text(reference) != reference:
        return False
    return is_url(reference) or is_file_id(reference) or bool(_IMAGE.fullmatch(reference))


def is_url(reference: str) -> bool:
    return reference.startswith(("http://", "https://"))


def is_file_id(reference: str) -> bool:
    """Whether a photo reference is a Telegram file id (a photo sent to the bot), not a
    file name or URL."""
    return bool(_FILE_ID.fullmatch(reference))


class _Refused(Exception):
    """Raised while checking a line that breaks a rule (caught in `_Checker.check`)."""

    def __init__(self, line: int, code: str, column: str = "", other: int = 0) -> None:
        self.error = LineError(line, code, column, other)
        super().__init__(f"line {line}: {code} {column}".rstrip())


@dataclass
class _Product:
    """What the first lines of a product said, to hold its later lines to it."""

    line: int
    description: str
    price: int
    photos: tuple[str, ...]
    variants: dict[tuple[str, str | None], int] = field(default_factory=dict)


class _Checker:
    def __init__(self, header: Sequence[str]) -> None:
        names = [ALIASES.get(name, name) for name in (clean_text(c).lower() for c in header)]
        self.index = {name: position for position, name in enumerate(names) if name in COLUMNS}
        self.missing = [name for name in REQUIRED if name not in self.index]
        self.width = len(names)
        self.skus: dict[str, int] = {}
        self.products: dict[tuple[str, str], _Product] = {}

    def cell(self, cells: Sequence[str], name: str) -> str:
        position = self.index.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    def check(self, line: int, cells: Sequence[str]) -> ImportRow | LineError:
        try:
            return self._fits_the_file(self._row(line, cells))
        except _Refused as refused:
            return refused.error

    def _row(self, line: int, cells: Sequence[str]) -> ImportRow:
        if len(cells) > self.width and any(c.strip() for c in cells[self.width :]):
            raise _Refused(line, "columns")
        text: dict[str, str] = {}
        for name in ("category", "product", "size", "colour", "sku", "description"):
            value = clean_text(self.cell(cells, name), multiline=name == "description")
            if name in REQUIRED and not value:
                raise _Refused(line, "required", name)
            if len(value) > LIMITS[name]:
                raise _Refused(line, "too_long", name)
            text[name] = value
        if not _SKU.fullmatch(text["sku"]):
            raise _Refused(line, "sku", "sku")
        price = parse_price(self.cell(cells, "price"))
        if price is None:
            raise _Refused(line, "price", "price")
        stock = _SPACES.sub("", self.cell(cells, "stock"))
        if not _STOCK.fullmatch(stock) or int(stock) > MAX_STOCK:
            raise _Refused(line, "stock", "stock")
        photos = split_photos(self.cell(cells, "photos"))
        if len(photos) > MAX_PHOTOS:
            raise _Refused(line, "photos_many", "photos")
        if not all(_photo_ok(photo) for photo in photos):
            raise _Refused(line, "photo", "photos")
        return ImportRow(
            line,
            text["category"],
            text["product"],
            text["description"],
            price,
            text["size"],
            text["colour"] or None,
            text["sku"],
            int(stock),
            photos,
        )

    def _fits_the_file(self, row: ImportRow) -> ImportRow:
        earlier = self.skus.get(row.sku)
        if earlier is not None:
            raise _Refused(row.line, "sku_twice", "sku", earlier)
        product = self.products.get(row.product_key)
        if product is None:
            product = _Product(row.line, row.description, row.price, row.photos)
            self.products[row.product_key] = product
        else:
            for column, mine, theirs in (
                ("price", row.price, product.price),
                ("description", row.description, product.description),
                ("photos", row.photos, product.photos),
            ):
                if mine and theirs and mine != theirs:
                    raise _Refused(row.line, "differs", column, product.line)
            product.description = product.description or row.description
            product.photos = product.photos or row.photos
        variant = (row.size.casefold(), (row.colour or "").casefold() or None)
        twin = product.variants.get(variant)
        if twin is not None:
            raise _Refused(row.line, "variant_twice", "size", twin)
        product.variants[variant] = row.line
        self.skus[row.sku] = row.line
        return row

    def settled(self, row: ImportRow) -> ImportRow:
        """`row` with its product's description and photos as the whole file gives them."""
        product = self.products[row.product_key]
        if (row.description, row.photos) == (product.description, product.photos):
            return row
        return ImportRow(
            row.line,
            row.category,
            row.product,
            product.description,
            row.price,
            row.size,
            row.colour,
            row.sku,
            row.stock,
            product.photos,
        )


def validate_rows(records: Iterable[Sequence[str]]) -> CatalogueFile:
    """Check every record (the first is the header); see the module docstring."""
    lines = enumerate(records, start=1)
    header = next(lines, None)
    if header is None or not any(cell.strip() for cell in header[1]):
        return CatalogueFile(errors=(LineError(1, "empty"),), error_count=1)
    checker = _Checker(header[1])
    if checker.missing:
        return CatalogueFile(errors=(LineError(1, "header", checker.missing[0]),), error_count=1)
    rows: list[ImportRow] = []
    errors: list[LineError] = []
    count = 0
    for line, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        checked = checker.check(line, cells)
        if isinstance(checked, LineError):
            count += 1
            if len(errors) < MAX_REPORTED:
                errors.append(checked)
        elif not count:
            rows.append(checked)
    if count:
        return CatalogueFile(errors=tuple(errors), error_count=count)
    if not rows:
        return CatalogueFile(errors=(LineError(2, "empty"),), error_count=1)
    return CatalogueFile(rows=tuple(checker.settled(row) for row in rows))


def _records(stream: IO[str]) -> Iterator[list[str]]:
    first = stream.readline()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.reader(chain([first], stream), delimiter=delimiter)


def read_catalogue(data: IO[bytes]) -> CatalogueFile:
    """Read and check a catalogue file, streaming (decoded as it is parsed); a file that is
    not UTF-8 is refused at the line where decoding failed."""
    text = io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    lines: list[int] = [0]

    def counted(records: Iterator[list[str]]) -> Iterator[list[str]]:
        for record in records:
            lines[0] += 1
            yield record

    try:
        return validate_rows(counted(_records(text)))
    except UnicodeDecodeError:
        return CatalogueFile(errors=(LineError(lines[0] + 1, "encoding"),), error_count=1)
    except csv.Error:
        return CatalogueFile(errors=(LineError(lines[0] + 1, "malformed"),), error_count=1)
    finally:
        text.detach()
