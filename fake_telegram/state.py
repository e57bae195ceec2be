"""The fake Telegram's memory: users, chats, messages, files, ids. Plain data only.

Everything Telegram would remember lives in one `World` object made of dataclasses,
dicts, ints, strings, bytes and TL objects (which serialise themselves with
`.write()`), so a later issue can persist it or serve it from another process and
the memory outlives a killed bot. Nothing here does I/O or knows about Kurigram's
high-level types; `rpc.py` changes the world, `updates.py` renders it as TL.

Ids follow Telegram: the bot's private chats share one message counter (its
mailbox), each channel has its own counter; a forum topic's id is the id of the
message that opened it.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from fake_telegram import tl

ZERO_CHANNEL_ID = -1_000_000_000_000
DC_ID = 2


def channel_chat_id(channel_id: int) -> int:
    """Bot API style id of a channel (-100...) from its raw id."""
    return ZERO_CHANNEL_ID - channel_id


def raw_channel_id(chat_id: int) -> int:
    return ZERO_CHANNEL_ID - chat_id


def access_hash_for(peer_id: int) -> int:
    """Stable access hash for a peer: the same in every process, never 0."""
    return ((peer_id * 0x9E3779B97F4A7C15) & ((1 << 62) - 1)) | 1


@dataclass
class UserRecord:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    phone: str | None = None
    blocked_bot: bool = False
    deactivated: bool = False

    @property
    def access_hash(self) -> int:
        return access_hash_for(self.id)


@dataclass
class ChannelRecord:
    """A channel (broadcast) or a supergroup (optionally a forum with topics)."""

    id: int  # raw id, positive
    title: str
    username: str | None = None
    broadcast: bool = True
    forum: bool = False
    bot_is_admin: bool = True
    date: int = field(default_factory=lambda: int(time.time()))
    topics: dict[int, str] = field(default_factory=dict)
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1
    pts: int = 1

    @property
    def chat_id(self) -> int:
        return channel_chat_id(self.id)

    @property
    def access_hash(self) -> int:
        return access_hash_for(self.chat_id)

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class MessageVersion:
    """What a message looked like after one edit."""

    date: int
    text: str
    media: tl.BaseMessageMedia | None
    reply_markup: tl.BaseReplyMarkup | None


@dataclass
class StoredMessage:
    id: int
    chat_id: int  # user id for a private chat, -100... for a channel
    sender_id: int | None  # None for a broadcast channel post
    outgoing: bool  # sent by the bot
    date: int
    text: str = ""  # the caption when there is media
    entities: list[tl.BaseMessageEntity] = field(default_factory=list)
    media: tl.BaseMessageMedia | None = None
    reply_markup: tl.BaseReplyMarkup | None = None
    reply_to_message_id: int | None = None
    #: A forwarded message: its original sender (None when their privacy hides them,
    #: then only `forward_from_name` is given), as Telegram's MessageFwdHeader says.
    forward_from_id: int | None = None
    forward_from_name: str | None = None
    topic_id: int | None = None
    grouped_id: int | None = None
    random_id: int | None = None
    edit_date: int | None = None
    edits: list[MessageVersion] = field(default_factory=list)
    deleted: bool = False
    action: tl.BaseMessageAction | None = None  # a service message (e.g. a payment)


@dataclass
class LoggedUpdate:
    """An update Telegram pushed to a bot, kept for `updates.getDifference`.

    `pts` is its place in the bot's update log: a message's own pts; an update that
    carries none (a callback or pre-checkout query) is given the next pts all the same,
    so one counter orders everything the bot was sent. `seq` is its container's seq.
    """

    pts: int
    seq: int
    update: tl.BaseUpdate
    users: list[tl.BaseUser]
    chats: list[tl.BaseChat]


@dataclass
class Mailbox:
    """One bot's view of its private chats: a single message counter and pts, and the
    log of every update pushed to the bot (what `updates.getDifference` returns)."""

    bot_id: int
    next_message_id: int = 1
    pts: int = 1
    seq: int = 0
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    by_chat: dict[int, list[int]] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    update_log: list[LoggedUpdate] = field(default_factory=list)

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def add(self, message: StoredMessage) -> None:
        self.messages[message.id] = message
        self.by_chat.setdefault(message.chat_id, []).append(message.id)

    def chat(self, chat_id: int) -> list[StoredMessage]:
        return [self.messages[i] for i in self.by_chat.get(chat_id, [])]

    def next_pts(self, count: int = 1) -> int:
        self.pts += count
        return self.pts

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def log_pushed(self, updates: tl.Updates) -> None:
        """Keep a pushed container's updates in the log, each once (a repeat of an update
        already logged, as `deliver_again` sends, is not logged again)."""
        logged = {entry.pts for entry in self.update_log[-len(updates.updates) - 64 :]}
        for update in updates.updates:
            pts = getattr(update, "pts", None)
            if isinstance(pts, int):
                if pts in logged:
                    continue
            else:
                pts = self.next_pts()
            self.update_log.append(
                LoggedUpdate(pts, updates.seq, update, list(updates.users), list(updates.chats))
            )
            logged.add(pts)

    def logged_after(self, pts: int) -> list[LoggedUpdate]:
        """The logged updates after `pts`, in order."""
        log = self.update_log
        low, high = 0, len(log)
        while low < high:  # the log is ordered by pts
            middle = (low + high) // 2
            if log[middle].pts <= pts:
                low = middle + 1
            else:
                high = middle
        return log[low:]


@dataclass
class Upload:
    """Parts received by upload.SaveFilePart / SaveBigFilePart for one file id."""

    file_id: int
    parts: dict[int, bytes] = field(default_factory=dict)
    total_parts: int | None = None  # known for big files only

    def assemble(self, parts: int) -> bytes | None:
        if any(i not in self.parts for i in range(parts)):
            return None
        return b"".join(self.parts[i] for i in range(parts))

    def first_missing(self, parts: int) -> int:
        return next(i for i in range(parts) if i not in self.parts)


@dataclass
class StoredFile:
    """A photo or a document Telegram holds, addressable by id + access hash."""

    id: int
    access_hash: int
    file_reference: bytes
    date: int
    data: bytes
    kind: str  # "photo" or "document"
    name: str = ""
    mime_type: str = "application/octet-stream"
    width: int = 0
    height: int = 0


@dataclass
class CallbackQueryRecord:
    query_id: int
    bot_id: int
    user_id: int
    chat_id: int
    message_id: int
    data: bytes
    date: int
    answered: bool = False
    answer_text: str | None = None
    alert: bool = False
    url: str | None = None
    cache_time: int = 0


@dataclass
class World:
    """Everything the fake Telegram remembers. Plain data: picklable, no tasks, no locks."""

    seed: int | None = None
    users: dict[int, UserRecord] = field(default_factory=dict)
    channels: dict[int, ChannelRecord] = field(default_factory=dict)  # by raw channel id
    mailboxes: dict[int, Mailbox] = field(default_factory=dict)  # by bot id
    uploads: dict[int, Upload] = field(default_factory=dict)
    files: dict[int, StoredFile] = field(default_factory=dict)
    callback_queries: dict[int, CallbackQueryRecord] = field(default_factory=dict)
    # (bot id, chat id) -> random_id -> message id: Telegram refuses a repeated random_id.
    random_ids: dict[tuple[int, int], dict[int, int]] = field(default_factory=dict)
    next_grouped_id: int = 1
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def now(self) -> int:
        return int(time.time())

    def random_long(self) -> int:
        return self.rng.getrandbits(63) or 1

    def mailbox(self, bot_id: int) -> Mailbox:
        box = self.mailboxes.get(bot_id)
        if box is None:
            box = self.mailboxes[bot_id] = Mailbox(bot_id=bot_id)
        return box

    def channel_by_chat_id(self, chat_id: int) -> ChannelRecord | None:
        return self.channels.get(raw_channel_id(chat_id))

    def user_by_username(self, username: str) -> UserRecord | None:
        wanted = username.lower().lstrip("@")
        return next(
            (u for u in self.users.values() if u.username and u.username.lower() == wanted), None
        )

    def channel_by_username(self, username: str) -> ChannelRecord | None:
        wanted = username.lower().lstrip("@")
        return next(
            (c for c in self.channels.values() if c.username and c.username.lower() == wanted),
            None,
        )

    def messages_of(self, bot_id: int, chat_id: int) -> list[StoredMessage]:
        """All messages (both directions, deleted ones too) of a chat, in order."""
        channel = self.channel_by_chat_id(chat_id) if chat_id < 0 else None
        if channel is not None:
            return list(channel.messages.values())
        return self.mailbox(bot_id).chat(chat_id)

    def find_message(self, bot_id: int, chat_id: int, message_id: int) -> StoredMessage | None:
        if chat_id < 0:
            channel = self.channel_by_chat_id(chat_id)
            return None if channel is None else channel.messages.get(message_id)
        message = self.mailbox(bot_id).messages.get(message_id)
        if message is None or message.chat_id != chat_id:
            return None
        return message

    def store_file(
        self,
        data: bytes,
        *,
        kind: str,
        name: str = "",
        mime_type: str = "application/octet-stream",
        width: int = 0,
        height: int = 0,
    ) -> StoredFile:
        file_id = self.random_long()
        stored = StoredFile(
            id=file_id,
            access_hash=self.random_long(),
            file_reference=b"\x02" + file_id.to_bytes(8, "little"),
            date=self.now(),
            data=data,
            kind=kind,
            name=name,
            mime_type=mime_type,
            width=width,
            height=height,
        )
        self.files[file_id] = stored
        return stored

    def allocate_grouped_id(self) -> int:
        grouped_id = self.next_grouped_id
        self.next_grouped_id += 1
        return grouped_id


__all__ = [
    "DC_ID",
    "CallbackQueryRecord",
    "ChannelRecord",
    "LoggedUpdate",
    "Mailbox",
    "MessageVersion",
    "StoredFile",
    "StoredMessage",
    "Upload",
    "UserRecord",
    "World",
    "access_hash_for",
    "channel_chat_id",
    "raw_channel_id",
]
