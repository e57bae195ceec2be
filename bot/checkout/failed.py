"""What a shopper is shown when their confirmed order could not be placed because the
database refused something in the stored answers: why, with Edit / Cancel for the
checkout, which the order processor has sent back to its summary (so "Edit" reopens a
question and "Back" from there offers Confirm again)."""

from __future__ import annotations

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackCodec
from bot.checkout.actions import CANCEL, EDIT
from bot.language import Language
from bot.texts import text


def failed_notice(
    codec: CallbackCodec, telegram_id: int, checkout_key: str, language: Language
) -> tuple[str, InlineKeyboardMarkup]:
    """The message and its buttons, bound to the shopper and to this checkout."""
    buttons = [
        InlineKeyboardButton(
            text(label, language), callback_data=codec.encode(telegram_id, action, checkout_key)
        )
        for label, action in (("checkout.edit", EDIT), ("checkout.cancel", CANCEL))
    ]
    return text("checkout.failed", language), InlineKeyboardMarkup([buttons])
