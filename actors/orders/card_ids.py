"""The id Telegram gave a message the order processor sent raw (`messages.SendMessage`
answers with `Updates`: an `UpdateMessageID` pairs our `random_id` with the new id)."""

from __future__ import annotations

from typing import Any

from pyrogram.raw.types.update_message_id import UpdateMessageID
from pyrogram.raw.types.update_new_message import UpdateNewMessage


def sent_message_id(result: Any, random_id: int) -> int | None:
    """The new message's id, or None when the answer does not say (an odd answer)."""
    updates = getattr(result, "updates", None)
    if not isinstance(updates, list):
        return None
    for update in updates:
        if isinstance(update, UpdateMessageID) and update.random_id == random_id:
            return int(update.id)
    for update in updates:
        if isinstance(update, UpdateNewMessage):
            return int(update.message.id)
    return None
