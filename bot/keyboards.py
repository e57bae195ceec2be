"""Inline keyboards from signed buttons: every callback button goes through
`Request.button`, so its data is bound to the user it is shown to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Action, Value
from bot.context import Request

Row = Sequence[InlineKeyboardButton]


def button(request: Request, label: str, action: Action, *args: Value) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=request.button(action, *args))


def in_rows(buttons: Iterable[InlineKeyboardButton], per_row: int) -> list[Row]:
    row: list[InlineKeyboardButton] = []
    rows: list[Row] = []
    for item in buttons:
        row.append(item)
        if len(row) == per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows


def keyboard(*rows: Row) -> InlineKeyboardMarkup:
    """A keyboard of the non-empty rows, in order."""
    return InlineKeyboardMarkup([list(row) for row in rows if row])
