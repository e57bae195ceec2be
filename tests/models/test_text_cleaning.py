"""Cleaning typed text before it is stored: what goes, what stays, and the checkout
answers built on it."""

from __future__ import annotations

import pytest

from bot.checkout.inputs import clean_address, clean_comment, clean_name, clean_phone
from models.text_cleaning import clean_text, cut_to


@pytest.mark.parametrize(
    ("raw", "one_line", "lines"),
    [
        ("Ann\x00a", "Anna", "Anna"),
        ("\x1b[31mred\x07", "[31mred", "[31mred"),
        ("a\r\nb\rc\u2028d\x85e", "a b c d e", "a\nb\nc\nd\ne"),
        ("tab\there", "tab here", "tab here"),
        ("line 1\n\n\n\nline 2", "line 1 line 2", "line 1\n\nline 2"),
        ("  spaced   out  \n  x ", "spaced out x", "spaced out\nx"),
        ("abc\u202edcba\u2066x\u2069", "abcdcbax", "abcdcbax"),
        ("zero\u200bwidth\ufeff\u2060", "zerowidth", "zerowidth"),
        ("lone \ud800 surrogate", "lone surrogate", "lone surrogate"),
        ("non\ufffe\uffffchar\ufdd0", "nonchar", "nonchar"),
        ("e\u0301", "é", "é"),  # NFC
    ],
)
def test_unsafe_characters_go_and_whitespace_is_tidied(raw: str, one_line: str, lines: str) -> None:
    assert clean_text(raw) == one_line
    assert clean_text(raw, multiline=True) == lines


@pytest.mark.parametrize(
    "kept",
    [
        "שלום עולם",  # right to left
        "مرحبا\u200fبالعالم",  # with a right-to-left mark
        "👨\u200d👩\u200d👧 ❤️ 🇷🇺 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "می\u200cخواهم",  # zero-width non-joiner, needed in Persian
        "Анна-Мария O'Neil",
    ],
)
def test_scripts_marks_and_emoji_are_kept(kept: str) -> None:
    assert clean_text(kept) == kept
    assert clean_text(kept, multiline=True) == kept


def test_cut_to_shortens_without_trailing_spaces() -> None:
    assert cut_to("abc def", 4) == "abc"
    assert cut_to("abc", 10) == "abc"


def test_checkout_answers_are_cleaned_before_they_are_checked() -> None:
    assert clean_name("An\x00na") == "Anna"
    assert clean_name("\x00\x00\x00") is None
    assert clean_name("😀😀😀") is None  # no letter
    assert clean_name("A\u200b") is None  # one character once cleaned
    assert clean_phone("+44\x00 7700\u202e 900123") == "+447700900123"
    assert clean_phone("+٤٤٧٧٠٠٩٠٠١٢٣") is None  # digits of another script
    assert clean_address("Flat 2\r\n1 High St\x00") == "Flat 2\n1 High St"
    assert clean_address("😀😀😀😀😀") is None
    assert clean_address("x" * 299 + "\x00" * 50) == "x" * 299
    assert clean_comment("\x00\x07") == ""
    assert clean_comment("ring twice\nthen wait") == "ring twice\nthen wait"
    assert clean_comment("x" * 500 + "\u200b" * 100) == "x" * 500
