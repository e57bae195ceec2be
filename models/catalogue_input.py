"""What admins type about the catalogue, read by pure functions (no I/O): prices, stock
changes, SKUs, names, sizes and colours.

Each reader returns the value, or None when the text is not of the expected form; the
caller then shows the expected format and stores nothing. Text with control characters
is refused outright rather than cleaned (a price or a SKU has no business carrying
them); names and descriptions are cleaned (`models.text_cleaning`) and length-checked.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.text_cleaning import clean_text, has_letters_or_digits

#: Prices in minor units (kopecks): from 0.01 to 10 million in major units.
PRICE_MAX = 10_000_000_00
#: Stock of one variant, and the most one change may add or take away.
STOCK_MAX = 1_000_000
CATEGORY_NAME_MAX = 64
TITLE_MAX = 128
DESCRIPTION_MAX = 800  # leaves room in a 1024-character caption for price and sizes
SIZE_MAX = 32
COLOUR_MAX = 64
SKU_MAX = 64
GRID_MAX = 10  # sizes, and colours, per product

_SPACES = "[ \u00a0\u202f\u2009]"
_PRICE = re.compile(
    rf"(?P<major>[0-9]{{1,3}}(?:{_SPACES}[0-9]{{3}})+|[0-9]{{1,12}})(?:[.,](?P<minor>[0-9]{{1,2}}))?"
    rf"(?:{_SPACES}?(?:₽|руб\.?|р\.?|rub))?",
    re.IGNORECASE,
)
_STOCK = re.compile(r"(?P<op>[+=-]?)\s*(?P<amount>[0-9]{1,7})")
_SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_LIST_SEPARATORS = re.compile(r"[,;\n]")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cs", "Cf") for char in text)


def parse_price(text: str) -> int | None:
    """`1990`, `1 990`, `1990.50`, `1990,50` (optionally with ₽) in minor units; None for
    anything else: nonsense, zero or negative, over `PRICE_MAX`, control characters."""
    if _has_control(text):
        return None
    match = _PRICE.fullmatch(text.strip())
    if match is None:
        return None
    major = int(re.sub(_SPACES, "", match["major"]))
    minor = int((match["minor"] or "0").ljust(2, "0"))
    price = major * 100 + minor
    return price if 0 < price <= PRICE_MAX else None


@dataclass(frozen=True)
class StockChange:
    """`+N` adds, `-N` takes away, `=N` (or a bare `N`) sets the stock to N."""

    variant_id: int
    mode: str  # "add" or "set"
    amount: int  # signed when adding

    def applied_to(self, stock: int) -> int:
        """The stock after this change (may be negative: the caller refuses that)."""
        return self.amount if self.mode == "set" else stock + self.amount


def parse_stock_change(text: str, variant_id: int) -> StockChange | None:
    """A change typed as `+5`, `-2`, `=10` or `10`; None for anything else (nonsense,
    more than `STOCK_MAX`, control characters)."""
    if _has_control(text):
        return None
    match = _STOCK.fullmatch(text.strip())
    if match is None:
        return None
    amount = int(match["amount"])
    if amount > STOCK_MAX:
        return None
    op = match["op"]
    if op in ("", "="):
        return StockChange(variant_id, "set", amount)
    return StockChange(variant_id, "add", -amount if op == "-" else amount)


def parse_stock_list(text: str, count: int) -> list[int] | None:
    """Stock for `count` variants: one number for all of them, or exactly `count`
    numbers separated by spaces or commas; None otherwise."""
    if _has_control(text.replace("\n", " ")):
        return None
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not parts or not all(re.fullmatch(r"[0-9]{1,7}", part) for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(number > STOCK_MAX for number in numbers):
        return None
    if len(numbers) == 1:
        return numbers * count
    return numbers if len(numbers) == count else None


def parse_sku(text: str) -> str | None:
    """Latin letters, digits, `.`, `_` and `-`, starting with a letter or digit, at
    most `SKU_MAX` characters; None otherwise."""
    stripped = text.strip()
    return stripped if _SKU.fullmatch(stripped) else None


def read_name(text: str, limit: int) -> str | None:
    """A one-line name (a category, a title), cleaned; None when empty, too long or
    without a letter or digit."""
    name = clean_text(text)
    if not name or len(name) > limit or not has_letters_or_digits(name):
        return None
    return name


def read_description(text: str) -> str | None:
    """A description of several lines, cleaned; None when empty or too long."""
    description = clean_text(text, multiline=True)
    return description if 0 < len(description) <= DESCRIPTION_MAX else None


def read_grid_names(text: str, limit: int) -> list[str] | None:
    """Sizes or colours separated by commas or lines (`S, M, L`), cleaned and without
    repeats; None when any is empty or too long, or there are more than `GRID_MAX`."""
    names: list[str] = []
    for part in _LIST_SEPARATORS.split(text):
        name = clean_text(part)
        if not name:
            continue
        if len(name) > limit or not has_letters_or_digits(name):
            return None
        if name.casefold() not in (known.casefold() for known in names):
            names.append(name)
    return names if 0 < len(names) <= GRID_MAX else None
