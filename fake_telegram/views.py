"""What a simulated person sees of a bot's message: buttons and the message as shown.

A leaf of the fake: it depends only on the stored world, so the driver (people) and the
payments (invoices) both use it without knowing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fake_telegram import tl
from fake_telegram.state import MessageVersion, StoredFile, StoredMessage, World

WaitMode = Literal["handled", "reply"] | None


@dataclass(frozen=True)
class Button:
    label: str
    kind: str  # "callback", "url", "text", "request_contact" or the TL type's name
    data: bytes | None = None
    url: str | None = None


def _inline_button(button: object) -> Button:
    label = str(getattr(button, "text", ""))
    kind = getattr(button, "type", None)
    if isinstance(kind, tl.InlineButtonTypeCallback):
        return Button(label, "callback", data=kind.data)
    if isinstance(kind, tl.InlineButtonTypeUrl):
        return Button(label, "url", url=kind.url)
    return Button(label, type(kind).__name__)


def _reply_button(button: object) -> Button:
    label = str(getattr(button, "text", ""))
    kind = getattr(button, "type", None)
    if isinstance(kind, tl.ButtonTypeDefault):
        return Button(label, "text")
    if isinstance(kind, tl.ButtonTypeRequestPhone):
        return Button(label, "request_contact")
    return Button(label, type(kind).__name__)


class BotMessage:
    """A live view of one message as the user sees it (edits applied)."""

    def __init__(self, stored: StoredMessage, world: World) -> None:
        self.stored = stored
        self._world = world

    @property
    def id(self) -> int:
        return self.stored.id

    @property
    def chat_id(self) -> int:
        return self.stored.chat_id

    @property
    def text(self) -> str:
        """The text, or the caption of a media message."""
        return self.stored.text

    @property
    def caption(self) -> str | None:
        return self.stored.text if self.media_kind not in (None, "contact") else None

    @property
    def media(self) -> object:
        return self.stored.media

    @property
    def media_kind(self) -> str | None:
        media = self.stored.media
        if isinstance(media, tl.MessageMediaPhoto):
            return "photo"
        if isinstance(media, tl.MessageMediaDocument):
            return "document"
        if isinstance(media, tl.MessageMediaContact):
            return "contact"
        if isinstance(media, tl.MessageMediaInvoice):
            return "invoice"
        return None if media is None else type(media).__name__

    @property
    def file(self) -> StoredFile | None:
        """The photo or document the message carries, as the fake stores it."""
        media = self.stored.media
        item = getattr(media, "photo", None) or getattr(media, "document", None)
        file_id = getattr(item, "id", None)
        return self._world.files.get(file_id) if isinstance(file_id, int) else None

    @property
    def reply_markup(self) -> object:
        return self.stored.reply_markup

    @property
    def has_inline_keyboard(self) -> bool:
        return isinstance(self.stored.reply_markup, tl.ReplyInlineMarkup)

    @property
    def has_reply_keyboard(self) -> bool:
        return isinstance(self.stored.reply_markup, tl.ReplyKeyboardMarkup)

    @property
    def button_rows(self) -> list[list[Button]]:
        markup = self.stored.reply_markup
        if isinstance(markup, tl.ReplyInlineMarkup):
            return [[_inline_button(b) for b in row.buttons] for row in markup.rows]
        if isinstance(markup, tl.ReplyKeyboardMarkup):
            return [[_reply_button(b) for b in row.buttons] for row in markup.rows]
        return []

    @property
    def buttons(self) -> list[list[str]]:
        """Labels of the inline or reply keyboard, row by row."""
        return [[b.label for b in row] for row in self.button_rows]

    def button(self, label: str) -> Button | None:
        return next((b for row in self.button_rows for b in row if b.label == label), None)

    @property
    def outgoing(self) -> bool:
        return self.stored.outgoing

    @property
    def edited(self) -> bool:
        return bool(self.stored.edits)

    @property
    def edits(self) -> list[MessageVersion]:
        return list(self.stored.edits)

    @property
    def deleted(self) -> bool:
        return self.stored.deleted

    def __repr__(self) -> str:
        return (
            f"BotMessage(id={self.id}, chat_id={self.chat_id}, text={self.text!r}, "
            f"media={self.media_kind}, buttons={self.buttons})"
        )
