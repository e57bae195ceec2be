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

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Protocol, TypeVar

from fake_telegram import tl
from fake_telegram.payments import FakePayments, Payment
from fake_telegram.render import Renderer
from fake_telegram.state import CallbackQueryRecord, StoredMessage, UserRecord, World
from fake_telegram.updates import Inbound
from fake_telegram.views import BotMessage, Button, WaitMode

T = TypeVar("T")


class TelegramForPeople(Protocol):
    """What a simulated person needs of the fake Telegram (`FakeTelegram` is one).

    A protocol, not an import of `fake_telegram.telegram`: the fake builds its people,
    so the people must not know the fake's module (no import circle).
    """

    world: World
    render: Renderer
    inbound: Inbound
    payments: FakePayments

    async def push(
        self, updates: tl.Updates, *, bot_id: int | None = None, timeout: float | None = None
    ) -> None: ...

    def expect_handled(self, key: Hashable) -> None: ...

    async def wait_handled(self, key: Hashable, timeout: float | None = None) -> None: ...

    async def wait_for_chat(
        self,
        bot_id: int,
        chat_id: int,
        check: Callable[[], T | None],
        *,
        timeout: float | None = None,
        what: str = ...,
    ) -> T: ...


class MessageGone(LookupError):
    """Raised when a person presses a button of a message the bot has deleted."""

    def __init__(self, message_id: int) -> None:
        super().__init__(f"message {message_id} was deleted")
        self.message_id = message_id


class KeyboardGone(LookupError):
    """Raised when a person presses a reply-keyboard button she no longer sees (a later
    message replaced or removed that keyboard)."""

    def __init__(self, message_id: int) -> None:
        super().__init__(f"the reply keyboard of message {message_id} is gone")
        self.message_id = message_id


class SimulatedUser:
    """A person in a private chat with one bot."""

    def __init__(self, tg: TelegramForPeople, user_id: int, bot_id: int) -> None:
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
        self,
        text: str,
        *,
        reply_to: BotMessage | None = None,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Send a text message (a leading /command gets its bot_command entity), as a
        reply to the bot's message `reply_to` when given."""
        stored, updates = self.tg.inbound.message(
            self.bot_id,
            self.id,
            text=text,
            reply_to_message_id=reply_to.id if reply_to is not None else None,
        )
        return await self._deliver(updates, (stored.chat_id, stored.id), wait, timeout)

    async def forward(
        self,
        text: str,
        *,
        from_user: int | None = None,
        hidden_name: str | None = None,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> list[BotMessage]:
        """Forward someone's text message to the bot: Telegram names its sender
        (`from_user`), or only their name when their privacy hides them (`hidden_name`)."""
        if (from_user is None) == (hidden_name is None):
            raise ValueError("pass exactly one of from_user= and hidden_name=")
        stored, updates = self.tg.inbound.message(
            self.bot_id,
            self.id,
            text=text,
            forward_from_id=from_user,
            forward_from_name=hidden_name,
        )
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

    async def send_album(
        self, photos: Sequence[bytes], *, timeout: float | None = None
    ) -> list[BotMessage]:
        """Send photos as one album, as a Telegram app does: one message per photo
        sharing a `grouped_id`, all pushed before the bot handles any; waits until it
        has handled them all."""
        grouped_id = self.tg.world.allocate_grouped_id()
        batches: list[tuple[tl.Updates, Hashable]] = []
        for data in photos:
            photo = self.tg.world.store_file(
                data, kind="photo", name="photo.jpg", mime_type="image/jpeg"
            )
            stored, updates = self.tg.inbound.message(
                self.bot_id, self.id, media=self.tg.render.media(photo), grouped_id=grouped_id
            )
            batches.append((updates, (stored.chat_id, stored.id)))
        for _updates, key in batches:
            self.tg.expect_handled(key)
        for updates, _key in batches:
            await self.tg.push(updates, bot_id=self.bot_id, timeout=timeout)
        for _updates, key in batches:
            await self.tg.wait_handled(key, timeout=timeout)
        return self._take_unseen()

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

    async def press_at(
        self,
        message_id: int,
        row: int,
        column: int,
        *,
        wait: WaitMode = "handled",
        timeout: float | None = None,
    ) -> tuple[Button, CallbackQueryRecord | None]:
        """Press the button at (row, column) of bot message `message_id` (an inline
        keyboard, or the reply keyboard she currently sees), as a person taps it on screen.
        Returns the button and, for a callback button, its query (answered or not).

        Raises `MessageGone` (a deleted message), `KeyboardGone` (a reply keyboard she no
        longer sees), `LookupError` (no such message or button) and `ValueError` (a URL
        button: nothing reaches the bot)."""
        stored = self.tg.world.mailbox(self.bot_id).messages.get(message_id)
        if stored is None or stored.chat_id != self.id or stored.sender_id != self.bot_id:
            raise LookupError(f"the bot sent user {self.id} no message {message_id}")
        if stored.deleted:
            raise MessageGone(message_id)
        target = BotMessage(stored, self.tg.world)
        rows = target.button_rows
        if not (0 <= row < len(rows) and 0 <= column < len(rows[row])):
            raise LookupError(f"message {message_id} has no button at ({row}, {column})")
        button = rows[row][column]
        if target.has_reply_keyboard:
            current = self.reply_keyboard
            if current is None or current.id != message_id:
                raise KeyboardGone(message_id)
        if button.kind == "callback" and button.data is not None:
            query, updates = self.tg.inbound.callback(self.bot_id, self.id, stored, button.data)
            await self._deliver(updates, str(query.query_id), wait, timeout)
            return button, query
        if button.kind == "text":
            await self.send(button.label, wait=wait, timeout=timeout)
        elif button.kind == "request_contact":
            await self.share_contact(wait=wait, timeout=timeout)
        elif button.kind == "url":
            raise ValueError(f"button {button.label!r} opens {button.url}: nothing reaches the bot")
        else:
            raise NotImplementedError(f"pressing a {button.kind} button is not simulated yet")
        return button, None

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
            self.id, invoice, wait=wait, timeout=timeout, before_charge=before_charge
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
