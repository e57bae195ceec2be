"""What a shopper may type in checkout: each answer cleaned, or None when it will not do.

Every answer is cleaned first (`models.text_cleaning`: control characters, NUL and
invisible overrides removed; newlines kept only in the address and the comment), then
checked: the limits below count the characters that will be stored.
"""

from __future__ import annotations

import re

from models.text_cleaning import clean_text, has_letters_or_digits

PHONE = re.compile(r"\+?[0-9]{10,15}")
#: Characters people put inside phone numbers: "+7 (999) 123-45-67".
PHONE_SEPARATORS = re.compile(r"[\s()\-.]")
NAME_LENGTH = (2, 64)
ADDRESS_LENGTH = (5, 300)
COMMENT_LENGTH = 500


def clean_name(raw: str) -> str | None:
    """One line of 2 to 64 characters with at least one letter."""
    name = clean_text(raw)
    low, high = NAME_LENGTH
    usable = low <= len(name) <= high and has_letters_or_digits(name, digits=False)
    return name if usable else None


def clean_phone(raw: str) -> str | None:
    """Digits with an optional leading +, 10 to 15 digits; separators are dropped."""
    phone = PHONE_SEPARATORS.sub("", clean_text(raw))
    return phone if PHONE.fullmatch(phone) else None


def clean_address(raw: str) -> str | None:
    """5 to 300 characters (lines allowed) with at least one letter or digit."""
    address = clean_text(raw, multiline=True)
    low, high = ADDRESS_LENGTH
    usable = low <= len(address) <= high and has_letters_or_digits(address)
    return address if usable else None


def clean_comment(raw: str) -> str | None:
    """At most 500 characters (lines allowed); "" when nothing usable is left."""
    comment = clean_text(raw, multiline=True)
    return comment if len(comment) <= COMMENT_LENGTH else None
