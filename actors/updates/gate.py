"""The update gate: what of Telegram's update stream is let into memory, and the gaps
fetched again with `updates.getDifference`, as Telegram clients do.

It sits in `client.handle_updates`, before Kurigram's queue. Live, a container whose
`seq` follows the last one is let in while the updates in memory (accepted by the
ledger, not yet handled: Kurigram's queue, the reader's inbox, its handlers) stay
within `capacity`. Anything else puts the gate *behind*: it drops what Telegram pushes
(Telegram keeps it) without moving the stored state, and `run` fetches the difference
from the last update let in, in slices no larger than the room left, until Telegram's
seq shows nothing more is missing. So memory stays bounded under a flood, nothing is
lost, and a full inbox is visible at once (`load()`: /health and /metrics).

At start (`run`), the stored state (models/update_state.py) is where the difference
starts: updates that were in memory at kill -9 come again, and those handled past the
stored pts are skipped by key. On the very first start (nothing stored) the stream
starts at Telegram's current state. Updates pushed while the client starts wait in a
small buffer until the gate knows which of the two it is.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.abc import TaskStatus
from loguru import logger
from pyrogram import Client
from pyrogram.raw.functions.updates.get_difference import GetDifference
from pyrogram.raw.functions.updates.get_state import GetState
from pyrogram.raw.types.update_new_message import UpdateNewMessage
from pyrogram.raw.types.update_short import UpdateShort
from pyrogram.raw.types.updates.difference_empty import DifferenceEmpty
from pyrogram.raw.types.updates.difference_slice import DifferenceSlice
from pyrogram.raw.types.updates.difference_too_long import DifferenceTooLong
from pyrogram.raw.types.updates_combined import UpdatesCombined
from pyrogram.raw.types.updates_t import Updates
from pyrogram.raw.types.updates_too_long import UpdatesTooLong

from actors.updates.ledger import UpdateLedger, raw_key
from models.update_state import StreamState, get_update_state, list_handled_keys

#: How long a final write of the stream's state may take at shutdown.
CLOSE_TIMEOUT = 0.5


class Mode(enum.Enum):
    STARTING = "starting"
    LIVE = "live"
    BEHIND = "behind"


@dataclass(frozen=True)
class UpdateLoad:
    """What /health and /metrics show of the update stream."""

    waiting: int  # updates taken from Telegram and not handled yet
    capacity: int
    behind: bool  # fetching a gap with getDifference
    overloaded: bool  # updates were left with Telegram for lack of room


def updates_of(container: object) -> list[Any]:
    if isinstance(container, Updates | UpdatesCombined):
        return list(container.updates)
    if isinstance(container, UpdateShort):
        return [container.update]
    return []


class UpdateGate:
    def __init__(self, client: Client, capacity: int) -> None:
        self._client = client
        self._original: Callable[[object], Awaitable[None]] = client.handle_updates
        client.handle_updates = self.handle_updates  # type: ignore[method-assign]
        self.capacity = capacity
        self.ledger: UpdateLedger | None = None
        self.mode = Mode.STARTING
        self._starting: list[object] = []
        self._last_seq = 0
        self._dropped_seq = 0
        self._overloaded = False
        self._wake = anyio.Event()
        self._room = anyio.Event()
        self._stop = anyio.CancelScope()
        self.overloaded = anyio.Event()  # set the first time updates are left for lack of room

    def load(self) -> UpdateLoad:
        waiting = self.ledger.waiting if self.ledger is not None else 0
        return UpdateLoad(waiting, self.capacity, self.mode is Mode.BEHIND, self._overloaded)

    async def handled(self, update: object) -> None:
        """The reader is done with `update` (see `UpdateLedger.handled`)."""
        ledger = self.ledger
        if ledger is None:
            return
        await ledger.handled(update)
        if ledger.waiting <= self.capacity // 2:
            self._room.set()

    # -- what Telegram pushes ------------------------------------------------------------

    async def handle_updates(self, container: object) -> None:  # noqa: PLR0911 - one per case
        if isinstance(container, UpdatesTooLong):
            self._fall_behind(0, overloaded=False)
            return
        keyed = keyed_updates(container)
        if not keyed:
            await self._original(container)
            return
        ledger = self.ledger
        seq = int(getattr(container, "seq", 0) or 0)
        first_seq = int(getattr(container, "seq_start", seq) or 0)
        if self.mode is Mode.STARTING:
            if len(self._starting) < self.capacity:
                self._starting.append(container)
            else:
                self._fall_behind(seq, overloaded=True)
            return
        if self.mode is Mode.BEHIND or ledger is None:
            self._dropped_seq = max(self._dropped_seq, seq)
            return
        if seq and seq <= self._last_seq:
            return  # already had it: a repeat of a container let in or fetched
        if seq and first_seq > self._last_seq + 1:
            self._fall_behind(seq, overloaded=False)  # a gap: some container never came
            return
        if ledger.waiting + len(keyed) > self.capacity:
            self._fall_behind(seq, overloaded=True)
            return
        self._accept(ledger, container, keyed)
        if seq:
            self._last_seq = seq
        await self._original(container)

    def _accept(
        self, ledger: UpdateLedger, container: object, keyed: list[tuple[Any, str]]
    ) -> None:
        date = int(getattr(container, "date", 0) or 0)
        for update, key in keyed:
            if not ledger.known(key):  # a repeat of an update in memory is handled again
                pts = getattr(update, "pts", None)
                ledger.accept(key, pts if isinstance(pts, int) else None, date)

    def _fall_behind(self, seq: int, *, overloaded: bool) -> None:
        self._dropped_seq = max(self._dropped_seq, seq)
        if overloaded and not self._overloaded:
            logger.warning(
                "update stream overloaded: {} updates in memory; the rest stays with Telegram",
                self.ledger.waiting if self.ledger is not None else len(self._starting),
            )
            self._overloaded = True
            self.overloaded.set()
        if self.mode is not Mode.BEHIND:
            self.mode = Mode.BEHIND
            self._room = anyio.Event()
            self._wake.set()

    # -- the stream's life ---------------------------------------------------------------

    async def run(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        """Opens the stream where it was left (call once the client has started), then
        fetches every gap, and stores progress, until `close()`."""
        with self._stop:
            ledger = await self._open()
            task_status.started()
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(ledger.run)
                while True:
                    if self.mode is not Mode.BEHIND:
                        await self._wake.wait()
                        self._wake = anyio.Event()
                    await self._catch_up(ledger)

    async def close(self) -> None:
        """Stores the last progress (shielded, bounded), then stops `run`."""
        if self.ledger is not None:
            with anyio.CancelScope(shield=True), anyio.move_on_after(CLOSE_TIMEOUT):
                await self.ledger.flush()
        self._stop.cancel()

    async def _open(self) -> UpdateLedger:
        me = self._client.me
        if me is None:
            raise RuntimeError("the update gate opens once the client has started")
        stored = await get_update_state(me.id)
        starting, self._starting = self._starting, []
        if stored is None:
            state = await self._client.invoke(GetState())
            ledger = self.ledger = UpdateLedger(
                me.id, StreamState(state.pts, state.qts, state.date, state.seq), {}
            )
            await ledger.flush()
            self._last_seq = state.seq
            self.mode = Mode.LIVE
            for container in starting:  # pushed after the state Telegram just gave
                self._accept(ledger, container, keyed_updates(container))
                await self._original(container)
            logger.info("update stream starts at pts {} (first start)", state.pts)
            return ledger
        self.ledger = UpdateLedger(me.id, stored, await list_handled_keys(me.id))
        for container in starting:
            self._dropped_seq = max(self._dropped_seq, int(getattr(container, "seq", 0) or 0))
        self.mode = Mode.BEHIND
        logger.info("update stream resumes at pts {}", stored.pts)
        return self.ledger

    async def _catch_up(self, ledger: UpdateLedger) -> None:
        """Fetch what was left with Telegram, a slice at a time while there is room."""
        while self.mode is Mode.BEHIND:
            if ledger.waiting > self.capacity // 2:
                await self._room.wait()
                self._room = anyio.Event()
                continue
            room = self.capacity - ledger.waiting
            query = GetDifference(
                pts=ledger.last_pts, date=ledger.state.date, qts=0, pts_limit=room
            )
            difference = await self._client.invoke(query)
            if isinstance(difference, DifferenceEmpty):
                self._caught_up(difference.seq)
            elif isinstance(difference, DifferenceTooLong):
                logger.error("updates.getDifference: too long; resuming at pts {}", difference.pts)
                ledger.reach(difference.pts, ledger.state.date)
            elif isinstance(difference, DifferenceSlice):
                await self._take(ledger, difference, difference.intermediate_state)
            else:
                await self._take(ledger, difference, difference.state)
                self._caught_up(difference.state.seq)

    async def _take(self, ledger: UpdateLedger, difference: Any, state: Any) -> None:
        await self._client.fetch_peers(difference.users)
        await self._client.fetch_peers(difference.chats)
        users = {u.id: u for u in difference.users}
        chats = {c.id: c for c in difference.chats}
        missed = [UpdateNewMessage(message=m, pts=0, pts_count=0) for m in difference.new_messages]
        taken = 0
        for update in [*missed, *difference.other_updates]:
            key = raw_key(update)
            if key is None or ledger.known(key):
                continue
            ledger.accept(key, None, state.date)
            self._client.dispatcher.updates_queue.put_nowait((update, users, chats))
            taken += 1
        ledger.reach(state.pts, state.date)
        logger.info("fetched {} missed updates (now at pts {})", taken, state.pts)

    def _caught_up(self, seq: int) -> None:
        self._last_seq = max(self._last_seq, seq)
        if self._dropped_seq <= self._last_seq:
            self.mode = Mode.LIVE
            if self._overloaded:
                logger.info("update stream caught up")
            self._overloaded = False


def keyed_updates(container: object) -> list[tuple[Any, str]]:
    return [(u, key) for u in updates_of(container) if (key := raw_key(u)) is not None]
