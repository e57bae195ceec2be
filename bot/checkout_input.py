"""What a shopper may type in checkout: each answer cleaned, or None when it will not do."""

from __future__ import annotations

import re

PHONE = re.compile(r"\+?\d{10,15}")
#: Characters people put inside phone numbers: "+7 (999) 123-45-67".
PHONE_SEPARATORS = re.compile(r"[\s()\-.]")
NAME_LENGTH = (2, 64)
ADDRESS_LENGTH = (5, 300)
COMMENT_LENGTH = 500


def _squeezed(raw: str) -> str:
    return " ".join(raw.split())


def clean_name(raw: str) -> str | None:
    name = _squeezed(raw)
    low, high = NAME_LENGTH
    return name if low <= len(name) <= high else None


def clean_phone(raw: str) -> str | None:
    """Digits with an optional leading +, 10 to 15 digits; separators are dropped."""
    phone = PHONE_SEPARATORS.sub("", raw.strip())
    return phone if PHONE.fullmatch(phone) else None


def clean_address(raw: str) -> str | None:
    address = raw.strip()
    low, high = ADDRESS_LENGTH
    return address if low <= len(address) <= high else None


def clean_comment(raw: str) -> str | None:
    comment = raw.strip()
    return comment if len(comment) <= COMMENT_LENGTH else None
