"""Prices, stock changes, SKUs and names as admins type them: the forms shoppers read
are accepted; nonsense, negative, huge and control characters are not."""

from __future__ import annotations

import pytest

from models.catalogue_input import (
    PRICE_MAX,
    STOCK_MAX,
    StockChange,
    parse_price,
    parse_sku,
    parse_stock_change,
    parse_stock_list,
    read_grid_names,
    read_name,
)


@pytest.mark.parametrize(
    ("typed", "kopecks"),
    [
        ("1990", 199_000),
        ("1 990", 199_000),
        ("1\u00a0990", 199_000),
        ("1990.50", 199_050),
        ("1990,50", 199_050),
        ("1990,5", 199_050),
        (" 1 990,50 ₽ ", 199_050),
        ("1 234 567", 123_456_700),
        ("0,01", 1),
        ("10000000", PRICE_MAX),
    ],
)
def test_prices_typed_as_shoppers_read_them(typed: str, kopecks: int) -> None:
    assert parse_price(typed) == kopecks


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "1990abc",
        "-1990",
        "0",
        "0,00",
        "10000000,01",  # over the most a price may be
        "99999999999999999999",
        "1,990",  # thousands with a comma reads as nothing, not 1.99
        "19 90",
        "1990.505",
        "1990\x00",
        "19\u200b90",
        "1990\n",
        "1e3",
        "١٩٩٠",  # digits of another script
    ],
)
def test_nonsense_prices_are_refused(typed: str) -> None:
    assert parse_price(typed) is None


@pytest.mark.parametrize(
    ("typed", "change"),
    [
        ("+5", StockChange(7, "add", 5)),
        ("-2", StockChange(7, "add", -2)),
        ("=10", StockChange(7, "set", 10)),
        ("10", StockChange(7, "set", 10)),
        (" + 3 ", StockChange(7, "add", 3)),
        (str(STOCK_MAX), StockChange(7, "set", STOCK_MAX)),
    ],
)
def test_stock_changes(typed: str, change: StockChange) -> None:
    assert parse_stock_change(typed, 7) == change


@pytest.mark.parametrize(
    "typed", ["", "five", "+", "--2", "=-3", "1.5", str(STOCK_MAX + 1), "9" * 30, "+5\x07"]
)
def test_nonsense_stock_changes_are_refused(typed: str) -> None:
    assert parse_stock_change(typed, 7) is None


def test_a_change_applied_below_zero_shows_as_negative_for_the_caller_to_refuse() -> None:
    assert StockChange(7, "add", -5).applied_to(3) == -2
    assert StockChange(7, "set", 4).applied_to(3) == 4


def test_stock_lists_give_one_number_to_all_or_one_each() -> None:
    assert parse_stock_list("5", 2) == [5, 5]
    assert parse_stock_list("5 3", 2) == [5, 3]
    assert parse_stock_list("5, 0", 2) == [5, 0]
    for typed in ("", "5 3 1", "-1", "x", "5\x00", str(STOCK_MAX + 1)):
        assert parse_stock_list(typed, 2) is None, typed


def test_skus() -> None:
    assert parse_sku(" TEE-M.white_1 ") == "TEE-M.white_1"
    for typed in ("", "-TEE", "ФУТБОЛКА", "TEE M", "A" * 65, "TEE\x00", "TEE\u202e"):
        assert parse_sku(typed) is None, typed


def test_names_are_cleaned_and_checked() -> None:
    assert read_name("  Tees\u200b  \x07", 64) == "Tees"
    assert read_name("🙂", 64) is None
    assert read_name("x" * 65, 64) is None
    assert read_grid_names("S, M,, m, L", 32) == ["S", "M", "L"]
    assert read_grid_names(", ,", 32) is None
    assert read_grid_names(",".join(str(n) for n in range(11)), 32) is None
