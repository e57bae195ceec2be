"""The update ledger: which updates taken from Telegram are still in memory, which are
handled, and the durable point of the stream (models/update_state.py).

An update is *accepted* (in arrival order) when the gate lets it into memory, and
*handled* when the update reader is done with it. The stored pts only moves past an
update once it and every update accepted before it are handled, so kill -9 loses
nothing: `getDifference` from the stored pts returns whatever was still in memory.
Updates handled past that pts are stored by key in the same small batch, so the
difference after a restart skips them (each update handled once); `handled()` returns
once its batch is durable. `waiting` (accepted, not handled) is the memory the gate
bounds.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import anyio
from loguru import logger
from pyrogram.raw.types.peer_user import PeerUser
from pyrogram.raw.types.update_bot_callback_query import UpdateBotCallbackQuery
from pyrogram.raw.types.update_bot_precheckout_query import UpdateBotPrecheckoutQuery
from pyrogram.raw.types.update_new_message import UpdateNewMessage
from pyrogram.types import CallbackQuery, Message, PreCheckoutQuery

from models.update_state import HandledKey, StreamState, save_progress

#: How long `handled()` waits for its batch to be stored (longer: the database is down;
#: the update is then at worst handled again after a crash).
DURABLE_WAIT = 2.0
#: Pause after a failed write before the batch is tried again.
RETRY_AFTER = 1.0


def raw_key(update: object) -> str | None:
    """The ledger key of a raw update the bot handles, or None for any other update:
    a user's private message (`m:<id>`: a bot's private chats share one message
    counter), a callback query (`c:<id>`), a pre-checkout query (`p:<id>`)."""
    if isinstance(update, UpdateNewMessage):
        message = update.message
        peer = getattr(message, "peer_id", None)
        if isinstance(peer, PeerUser) and not getattr(message, "out", False):
            return f"m:{message.id}"
        return None
    if isinstance(update, UpdateBotCallbackQuery):
        return f"c:{update.query_id}"
    if isinstance(update, UpdateBotPrecheckoutQuery):
        return f"p:{update.query_id}"
    return None


def parsed_key(update: object) -> str | None:
    """`raw_key` of the update Kurigram parsed it into."""
    if isinstance(update, Message):
        chat = update.chat
        chat_id = chat.id if chat is not None else None
        return f"m:{update.id}" if chat_id is not None and chat_id > 0 else None
    if isinstance(update, CallbackQuery):
        return f"c:{update.id}"
    if isinstance(update, PreCheckoutQuery):
        return f"p:{update.id}"
    return None


@dataclass
class _Entry:
    key: str | None  # None: a position marker (a difference whose updates were all known)
    pts: int | None  # the stream's pts once this entry is handled, if it carries one
    position: int  # the pts at or before which it sits (for forgetting its key)
    date: int
    handled: bool = False


class UpdateLedger:
    def __init__(self, bot_id: int, state: StreamState, handled: dict[str, int]) -> None:
        self.bot_id = bot_id
        self._state = state  # the durable point once the pending batch is written
        self._stored = state
        self._last_pts = state.pts  # pts of the last update accepted that carries one
        self._entries: deque[_Entry] = deque()
        self._open: dict[str, _Entry] = {}  # accepted, not yet past the durable point
        self._done: dict[str, int] = dict(handled)  # key -> position, handled past the pts
        self._pending: list[HandledKey] = []
        self._wake = anyio.Event()
        self._batch_done = anyio.Event()
        self.waiting = 0

    @property
    def state(self) -> StreamState:
        return self._state

    @property
    def last_pts(self) -> int:
        """Where a difference should start to fetch what was never accepted."""
        return self._last_pts

    def known(self, key: str) -> bool:
        """Accepted before (in memory or handled): a difference returning it again is a repeat."""
        return key in self._open or key in self._done

    def accept(self, key: str, pts: int | None, date: int) -> None:
        entry = _Entry(key, pts, pts if pts is not None else self._last_pts, date)
        if pts is not None:
            self._last_pts = max(self._last_pts, pts)
        self._entries.append(entry)
        self._open[key] = entry
        self.waiting += 1

    def reach(self, pts: int, date: int) -> None:
        """Everything up to `pts` has been accepted (the end of a difference): the stream
        may move there once what was accepted before is handled."""
        self._last_pts = max(self._last_pts, pts)
        self._entries.append(_Entry(None, pts, pts, date, handled=True))
        self._advance()

    async def handled(self, update: object) -> None:
        """The reader is done with `update`; returns once that is stored (or after
        DURABLE_WAIT, if the database does not answer)."""
        key = parsed_key(update)
        entry = self._open.get(key) if key is not None else None
        if entry is None or entry.handled or key is None:
            return
        entry.handled = True
        self.waiting -= 1
        self._done[key] = entry.position
        self._pending.append(HandledKey(f"{self.bot_id}:{key}", entry.position))
        self._advance()
        batch = self._batch_done
        self._wake.set()
        with anyio.move_on_after(DURABLE_WAIT):
            await batch.wait()

    def _advance(self) -> None:
        state = self._state
        while self._entries and self._entries[0].handled:
            entry = self._entries.popleft()
            if entry.key is not None:
                self._open.pop(entry.key, None)
            if entry.pts is not None and entry.pts > state.pts:
                state = StreamState(entry.pts, state.qts, entry.date, state.seq)
        if state != self._state:
            self._state = state
            # A key whose position is behind the new pts is never returned again.
            self._done = {k: p for k, p in self._done.items() if p >= state.pts}
            self._wake.set()

    async def run(self) -> None:
        """Writes the handled keys and the stream's state in small batches, forever."""
        while True:
            await self._wake.wait()
            self._wake = anyio.Event()
            await self.flush()

    async def flush(self) -> None:
        """Store what is pending now (retrying while the database does not answer)."""
        batch, self._pending = self._pending, []
        done, self._batch_done = self._batch_done, anyio.Event()
        state = self._state
        if not batch and state == self._stored:
            done.set()
            return
        while True:
            try:
                await save_progress(self.bot_id, state, batch, moved=state != self._stored)
            except Exception as error:  # noqa: BLE001 - kept pending and retried, never dropped
                logger.warning("update state not stored ({}); retrying", type(error).__name__)
                await anyio.sleep(RETRY_AFTER)
                continue
            break
        self._stored = state
        done.set()
