"""Prices read "1 990 ₽": thousands and the sign kept on one line."""

from bot.money import format_price

NBSP = "\u00a0"


def test_kopecks_are_shown_as_roubles_grouped_by_thousands() -> None:
    assert format_price(1_990_00) == f"1{NBSP}990{NBSP}₽"
    assert format_price(690_00) == f"690{NBSP}₽"
    assert format_price(1_234_567_00) == f"1{NBSP}234{NBSP}567{NBSP}₽"
    assert format_price(0) == f"0{NBSP}₽"


def test_kopecks_appear_only_when_there_are_some() -> None:
    assert format_price(1_990_50) == f"1{NBSP}990,50{NBSP}₽"
    assert format_price(5) == f"0,05{NBSP}₽"
    assert format_price(-150_00) == f"-150{NBSP}₽"


def test_other_currencies_keep_the_grouping_with_their_sign_or_code() -> None:
    assert format_price(1_990_50, "USD") == f"1{NBSP}990,50{NBSP}$"
    assert format_price(1_990_00, "eur") == f"1{NBSP}990{NBSP}€"
    assert format_price(19_90, "GBP") == f"19,90{NBSP}GBP"
