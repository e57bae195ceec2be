"""The replay echo: the shop's own Telegram traffic, with none of the shop's work.

The fair echo (bench/updates.py) answers every update with a one-button message or
edit. The shop's answers are bigger: a category page, a size picker, the cart, the
order summary, and after Confirm the customer's notice and the admins' order card.
Telegram's side of each (the fake renders, serialises and returns it) and Kurigram's
(it writes the request and reads the answer) grow with the text and the keyboard, and
run in this one process. So part of what shop / fair echo shows as the shop's cost is
the size of what it sends, not what it does.

The replay echo separates the two. One shopper's journey through the real shop is
recorded step by step (`Script.of`: the requests each update made, from the fake's
request log, as `bench.updates.per_step` counts them), and a bare Kurigram bot
(`replay_bot`) answers each update of the same journey with the same requests: the same
texts and keyboards (the order card to the same admin), through the shop's own
`send_text` and `edit_message`, the press answered as the shop answered it; what the
shop sent after the update was handled (the order's notices) is sent after it here too.
No database, no handlers, no actors. The same driver (`bench.updates.journey`) then runs
against it, so the load is the shop's load button for button: shop / replay echo is
what the shop's work costs on top of the Telegram traffic it makes.

The replay bot's client is configured as the shop's (`bench.updates.production_client`):
the shop's Kurigram storage (runtime/telegram_storage.py: a peer offered again unchanged
costs nothing), with its durable copy in memory (`SessionsInMemory`) instead of
PostgreSQL, and, once started (`bench.updates.Floors`), the shop's wait for a started
session (runtime/session_started.py). A bare client's default storage writes the peers
of every update into its SQLite, a cost the shop does not pay (the fair echo pays it: it
is Kurigram's default, as is the task each request's wait for the session makes).

What is not replayed: entities (texts go out with parse mode off), and lookups the
shop made while recorded (`users.GetUsers` for an admin it had not met): the replay
bot makes its own when it first writes to the admin. Requests other than sends, edits
and callback answers stop the recording with an error, so the shop's traffic cannot
change without the bench saying so.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, cast

from anyio.abc import TaskGroup
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.handlers import CallbackQueryHandler, MessageHandler
from pyrogram.raw.functions.messages.edit_message import EditMessage
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.raw.functions.messages.set_bot_callback_answer import SetBotCallbackAnswer
from pyrogram.raw.types.reply_inline_markup import ReplyInlineMarkup
from pyrogram.raw.types.reply_keyboard_force_reply import ReplyKeyboardForceReply
from pyrogram.raw.types.reply_keyboard_hide import ReplyKeyboardHide
from pyrogram.raw.types.reply_keyboard_markup import ReplyKeyboardMarkup as RawReplyKeyboard
from pyrogram.types import (
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.screens import Markup, edit_message, send_text
from fake_telegram import FakeTelegram
from fake_telegram.client import session_string
from fake_telegram.telegram import RequestRecord
from runtime.telegram_storage import DatabaseStorage, PeerRow, StoredPeer


class SessionsInMemory:
    """The shop's session store (`runtime.telegram_storage.SessionStore`, kept by
    models/telegram_sessions.py in PostgreSQL) in dicts: the replay bot has no database."""

    def __init__(self) -> None:
        self._sessions: dict[str, dict[str, Any]] = {}
        self._peers: dict[int, StoredPeer] = {}

    async def get_session(self, name: str) -> dict[str, Any] | None:
        return self._sessions.get(name)

    async def create_session(self, name: str, fields: Mapping[str, Any]) -> None:
        self._sessions.setdefault(name, dict(fields))

    async def update_session_field(self, name: str, field: str, value: Any) -> None:
        self._sessions.setdefault(name, {})[field] = value

    async def delete_session(self, name: str) -> None:
        self._sessions.pop(name, None)

    async def save_peers(self, name: str, peers: Iterable[PeerRow]) -> None:
        for peer_id, access_hash, peer_type, phone in peers:
            known = self._peers.get(peer_id)
            names = known.usernames if known is not None else ()
            self._peers[peer_id] = StoredPeer(
                peer_id, access_hash, peer_type, phone, names, int(time.time())
            )

    async def save_usernames(
        self, name: str, usernames: Iterable[tuple[int, list[str | None]]]
    ) -> None:
        for peer_id, names in usernames:
            known = self._peers.get(peer_id)
            if known is not None:
                kept = tuple(n for n in names if n)
                self._peers[peer_id] = replace(known, usernames=kept)

    async def find_peer_by_id(self, name: str, peer_id: int) -> StoredPeer | None:
        return self._peers.get(peer_id)

    async def find_peer_by_username(self, name: str, username: str) -> StoredPeer | None:
        return next((p for p in self._peers.values() if username in p.usernames), None)

    async def find_peer_by_phone(self, name: str, phone_number: str) -> StoredPeer | None:
        return next((p for p in self._peers.values() if p.phone_number == phone_number), None)


#: Requests a recorded step may make that are not answers (replayed by need, not copied).
LOOKUPS = frozenset({"users.GetUsers"})


@dataclass(frozen=True)
class Reply:
    """One request of the shop's answer to an update, as the replay bot repeats it."""

    kind: Literal["send", "edit", "answer"]
    text: str
    markup: Markup | None = None
    to_shopper: bool = True  # else to the peer it went to when recorded (an admin)
    peer: int | None = None
    show_alert: bool = False
    later: bool = False  # made after the update was handled (the order's notices)


def typed_markup(raw: object) -> Markup | None:
    """Kurigram's markup type for a raw one in a recorded request (as `Message` reads it)."""
    markup: object = None
    if isinstance(raw, ReplyInlineMarkup):
        markup = InlineKeyboardMarkup.read(raw)
    elif isinstance(raw, RawReplyKeyboard):
        markup = ReplyKeyboardMarkup.read(raw)
    elif isinstance(raw, ReplyKeyboardHide):
        markup = ReplyKeyboardRemove(selective=raw.selective)
    elif isinstance(raw, ReplyKeyboardForceReply):
        markup = ForceReply(selective=raw.selective, placeholder=raw.placeholder)
    return cast(Markup | None, markup)


def reply_of(record: RequestRecord, shopper_id: int) -> Reply | None:
    """The reply a recorded request was; None for a lookup."""
    raw: Any = record.raw
    if isinstance(raw, SendMessage):
        return Reply(
            "send",
            raw.message,
            typed_markup(raw.reply_markup),
            to_shopper=record.peer == shopper_id,
            peer=record.peer,
        )
    if isinstance(raw, EditMessage):
        if record.peer != shopper_id:
            raise ValueError(f"an edit of someone else's message: {record.name} to {record.peer}")
        return Reply("edit", raw.message or "", typed_markup(raw.reply_markup))
    if isinstance(raw, SetBotCallbackAnswer):
        return Reply("answer", raw.message or "", show_alert=bool(raw.alert))
    if record.name in LOOKUPS:
        return None
    raise ValueError(f"the replay echo does not replay {record.name}")


@dataclass(frozen=True)
class Script:
    """Each step's replies, in the order the journey's updates come."""

    steps: tuple[tuple[Reply, ...], ...]

    @classmethod
    def of(cls, steps: Sequence[tuple[Sequence[RequestRecord], int]], shopper_id: int) -> Script:
        """The script of a journey recorded alone: each step's requests (the work it
        started included) and how many of them were made by the time the update was
        handled, as `bench.updates.per_step` saw them."""
        script = []
        for records, answered in steps:
            replies = []
            for position, record in enumerate(records):
                reply = reply_of(record, shopper_id)
                if reply is not None:
                    replies.append(replace(reply, later=position >= answered))
            script.append(tuple(replies))
        return cls(tuple(script))

    @property
    def requests(self) -> int:
        return sum(len(replies) for replies in self.steps)


def replay_bot(tg: FakeTelegram, script: Script, later: TaskGroup) -> Client:
    """A bare Kurigram bot answering the n-th update of each person with the script's
    n-th step (round and round: a new journey starts where the last one ended). What the
    shop sent after the update was handled (the order's notices, from its order
    processor) is sent from `later`, once the handler has returned."""
    storage = DatabaseStorage(
        "replay-echo", SessionsInMemory(), seed_session_string=session_string(bot_id=tg.bot_id)
    )
    client = tg.make_client(name="replay-echo", storage=storage)
    next_step: dict[int, int] = {}

    async def send(reply: Reply, user_id: int, query: CallbackQuery | None) -> None:
        if reply.kind == "answer":
            if query is not None:
                await query.answer(reply.text or None, show_alert=reply.show_alert)
        elif reply.kind == "edit":
            if query is None or query.message is None:
                raise ValueError("an edit without a pressed message")
            markup = reply.markup if isinstance(reply.markup, InlineKeyboardMarkup) else None
            await edit_message(
                client,
                user_id,
                query.message.id,
                reply.text,
                reply_markup=markup,
                parse_mode=ParseMode.DISABLED,
            )
        else:
            peer = user_id if reply.to_shopper or reply.peer is None else reply.peer
            await send_text(
                client, peer, reply.text, reply_markup=reply.markup, parse_mode=ParseMode.DISABLED
            )

    async def send_all(replies: Sequence[Reply], user_id: int, query: CallbackQuery | None) -> None:
        for reply in replies:
            await send(reply, user_id, query)

    async def replay(user_id: int, query: CallbackQuery | None) -> None:
        step = next_step.get(user_id, 0)
        next_step[user_id] = (step + 1) % len(script.steps)
        replies = script.steps[step]
        await send_all([reply for reply in replies if not reply.later], user_id, query)
        afterwards = [reply for reply in replies if reply.later]
        if afterwards:
            later.start_soon(send_all, afterwards, user_id, query)

    async def on_message(_client: Client, message: Message) -> None:
        if message.from_user is not None:
            await replay(message.from_user.id, None)

    async def on_press(_client: Client, query: CallbackQuery) -> None:
        await replay(query.from_user.id, query)

    client.add_handler(MessageHandler(on_message))
    client.add_handler(CallbackQueryHandler(on_press))
    tg.install_observer(client)
    return client
