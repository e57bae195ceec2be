"""Scenario driver: simulated people using the bot.

```python
alice = tg.user(42, lang="ru", first_name="Алиса")
await alice.send("/start")           # returns once the bot finished handling it
alice.last_message.text, alice.last_message.buttons
await alice.press("Каталог")         # inline callback, reply-keyboard text, or contact
await alice.share_contact(phone="+79991234567")
await alice.send_document(csv_bytes, "catalogue.csv", mime_type="text/csv")
await alice.expect_message(timeout=5)
payment = await alice.pay(invoice_message)   # see fake_telegram.payments
```

Waiting is by events, never by sleeps. `wait="handled"` (default) waits until the
app reports the update handled through `FakeTelegram.update_handled`; `wait="reply"`
(a bare Kurigram bot without that observer) waits for the next bot message to this
user; `wait=None` returns right after the update was pushed.

Every bot message a user has been shown (returned by `send`/`press`/`expect_message`)
counts as seen; `send`/`press` return the messages not seen before, and
`expect_message` returns the oldest unseen one, waiting for it if there is none.
"""

# The driver's API takes `timeout=` (`await alice.expect_message(timeout=5)`); every wait
# is still bounded inside with anyio.fail_after.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from fake_telegram import tl
from fake_telegram.state import (
    CallbackQueryRecord,
    MessageVersion,
    StoredFile,
    StoredMessage,
    UserRecord,
    World,
)

if TYPE_CHECKING:
    from fake_telegram.payments import Payment
    from fake_telegram.telegram import FakeTelegram

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


class SimulatedUser:
    """A person in a private chat with one bot."""

    def __init__(self, tg: FakeTelegram, user_id: int, bot_id: int) -> None:
        self.tg = tg
        self.id = user_id
        self.bot_id = bot_id
        self._seen_id = 0

    @property
    def record(self) -> UserRecord:
        return self.tg.world.users[self.id]

    # -- what she sees -----------------------------------------------------------------

    def _chat(self) -> list[StoredMessage]:
        return self.tg.world.mailbox(self.bot_id).chat(self.id)

    @property
    def messages(self) -> list[BotMessage]:
        """Every bot message in the chat with her, in order, edits applied, deletions gone."""
        world = self.tg.world
        return [
            BotMessage(m, world)
            for m in self._chat()
            if m.outgoing and m.sender_id == self.bot_id and not m.deleted
        ]

    @property
    def history(self) -> list[BotMessage]:
        """Both sides of the chat (her messages too), deletions gone."""
        world = self.tg.world
        return [BotMessage(m, world) for m in self._chat() if not m.deleted]

    @property
    def last_message(self) -> BotMessage:
        messages = self.messages
        if not messages:
            raise LookupError(f"the bot has sent user {self.id} nothing")
        return messages[-1]

    @property
    def answers(self) -> list[CallbackQueryRecord]:
        """Her button presses the bot answered (toasts / alerts), oldest first."""
        return [
            q
            for q in self.tg.world.callback_queries.values()
            if q.user_id == self.id and q.bot_id == self.bot_id and q.answered
        ]

    @property
    def last_answer(self) -> CallbackQueryRecord | None:
        answers = self.answers
        return answers[-1] if answers else None

    @property
    def reply_keyboard(self) -> BotMessage | None:
        """The bot message whose reply keyboard she currently sees, if any."""
        for message in reversed(self.messages):
            markup = message.reply_markup
            if isinstance(markup, tl.ReplyKeyboardMarkup):
                return message
            if isinstance(markup, tl.ReplyKeyboardHide):
                return None
        return None

    def _unseen(self) -> list[BotMessage]:
        return [m for m in self.messages if m.id > self._seen_id]

    def _take_unseen(self) -> list[BotMessage]:
        unseen = self._unseen()
        if unseen:
            self._seen_id = unseen[-1].id
        return unseen

    # -- what she does -----------------------------------------------------------------

    async def send(
        self, text: str, *, wait: WaitMode = "handled", timeout: float | None = None
    ) -> list[BotMessage]:
        """Send a text message (a leading /command gets its bot_command entity)."""
        stored, updates = self.tg.inbound.message(self.bot_id, self.id, text=text)
        return await self._deliver(updates, (stored.chat_id, stored.id), wait, timeout)

    async def share_contact(
        self,
        phone: str | None = None,
        *,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Share her own contact, as a request_contact button does."""
        phone = phone or self.record.phone
        if not phone:
            raise ValueError(f"user {self.id} has no phone number: pass phone=")
        stored, updates = self.tg.inbound.contact(self.bot_id, self.id, phone)
        return await self._deliver(updates, (stored.chat_id, stored.id), wait, timeout)

    async def send_photo(
        self,
        data: bytes,
        caption: str = "",
        *,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Send a photo (the bot can re-send it by file_id or download it)."""
        photo = self.tg.world.store_file(
            data, kind="photo", name="photo.jpg", mime_type="image/jpeg"
        )
        media = self.tg.render.media(photo)
        stored, updates = self.tg.inbound.message(self.bot_id, self.id, text=caption, media=media)
        return await self._deliver(updates, (stored.chat_id, stored.id), wait, timeout)

    async def send_document(
        self,
        data: bytes,
        file_name: str,
        *,
        mime_type: str = "application/octet-stream",
        caption: str = "",
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Send a file (a CSV, a price list...): the bot sees a document with this file
        name and MIME type, and can download it or re-send it by file_id."""
        document = self.tg.world.store_file(
            data, kind="document", name=file_name, mime_type=mime_type
        )
        media = self.tg.render.media(document)
        stored, updates = self.tg.inbound.message(self.bot_id, self.id, text=caption, media=media)
        return await self._deliver(updates, (stored.chat_id, stored.id), wait, timeout)

    async def press(
        self,
        label: str,
        *,
        message: BotMessage | None = None,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Press the button labelled `label`: an inline button on the latest bot message
        that has it (or on `message`), else a button of her reply keyboard."""
        found = self._find_button(label, message)
        if found is None:
            visible = [m.buttons for m in self.messages if m.buttons]
            raise LookupError(f"no button {label!r} for user {self.id}; buttons seen: {visible}")
        target, button = found
        if button.kind == "callback" and button.data is not None:
            query, updates = self.tg.inbound.callback(
                self.bot_id, self.id, target.stored, button.data
            )
            return await self._deliver(updates, str(query.query_id), wait, timeout)
        if button.kind == "text":
            return await self.send(button.label, wait=wait, timeout=timeout)
        if button.kind == "request_contact":
            return await self.share_contact(wait=wait, timeout=timeout)
        if button.kind == "url":
            raise ValueError(f"button {label!r} opens {button.url}: nothing reaches the bot")
        raise NotImplementedError(f"pressing a {button.kind} button is not simulated yet")

    async def press_forged(
        self,
        data: bytes,
        *,
        message: BotMessage | None = None,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """What a tampered client can do: a callback query with any `data`, on `message`
        (default: her latest bot message), whatever buttons it really has."""
        target = message or self.last_message
        query, updates = self.tg.inbound.callback(self.bot_id, self.id, target.stored, data)
        return await self._deliver(updates, str(query.query_id), wait, timeout)

    async def pay(
        self,
        invoice: BotMessage,
        *,
        wait: WaitMode = "handled",
        timeout: float | None = None,
        before_charge: Callable[[], Awaitable[None]] | None = None,
    ) -> Payment:
        """Pay an invoice the bot sent her: the pre-checkout query, then, if the bot
        agrees, the successful payment (see `fake_telegram.payments`)."""
        return await self.tg.payments.pay(
            self, invoice, wait=wait, timeout=timeout, before_charge=before_charge
        )

    def _find_button(
        self, label: str, message: BotMessage | None
    ) -> tuple[BotMessage, Button] | None:
        if message is not None:
            button = message.button(label)
            return None if button is None else (message, button)
        keyboard = self.reply_keyboard
        keyboard_id = keyboard.id if keyboard is not None else None
        for candidate in reversed(self.messages):
            if candidate.has_inline_keyboard or candidate.id == keyboard_id:
                button = candidate.button(label)
                if button is not None:
                    return candidate, button
        return None

    async def expect_message(self, timeout: float | None = None) -> BotMessage:
        """The next bot message she has not seen yet, waiting for it if needed."""

        def first_unseen() -> BotMessage | None:
            unseen = self._unseen()
            return unseen[0] if unseen else None

        message = await self.tg.wait_for_chat(
            self.bot_id,
            self.id,
            first_unseen,
            timeout=timeout,
            what=f"a bot message to user {self.id}",
        )
        self._seen_id = message.id
        return message

    async def _deliver(
        self,
        updates: tl.Updates,
        key: Hashable,
        wait: WaitMode,
        timeout: float | None,
    ) -> list[BotMessage]:
        if wait not in ("handled", "reply", None):
            raise ValueError(f"wait must be 'handled', 'reply' or None, not {wait!r}")
        if wait == "handled":
            self.tg.expect_handled(key)
        await self.tg.push(updates, bot_id=self.bot_id, timeout=timeout)
        if wait == "handled":
            await self.tg.wait_handled(key, timeout=timeout)
        elif wait == "reply":
            await self.tg.wait_for_chat(
                self.bot_id,
                self.id,
                lambda: True if self._unseen() else None,
                timeout=timeout,
                what=f"a reply to user {self.id}",
            )
        else:
            return []
        return self._take_unseen()

    def __repr__(self) -> str:
        return f"SimulatedUser(id={self.id}, first_name={self.record.first_name!r})"
