"""Prices as shoppers read them: integer minor units -> "1 990 ₽" (CURRENCY, default RUB).

Groups of thousands and the sign are separated by no-break spaces, so a price never
wraps across lines. Minor units are shown only when there are some ("1 990,50 ₽"). The
format is the same in both languages; a currency without a sign here shows its code
("19,90 USD").
"""

from __future__ import annotations

NO_BREAK_SPACE = "\u00a0"
CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€", "KZT": "₸", "UAH": "₴", "BYN": "Br"}


def format_price(minor_units: int, currency: str = "RUB") -> str:
    sign = "-" if minor_units < 0 else ""
    major, minor = divmod(abs(minor_units), 100)
    amount = f"{major:,}".replace(",", NO_BREAK_SPACE)
    if minor:
        amount = f"{amount},{minor:02d}"
    symbol = CURRENCY_SIGNS.get(currency.upper(), currency.upper())
    return f"{sign}{amount}{NO_BREAK_SPACE}{symbol}"
