"""What one run of an actor gets from its supervisor: mailbox ends, ready, stopping.

Split from `actors.supervisor` so that an actor module depends on this small surface,
not on the supervising machinery.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any, TypeVar

import anyio
from anyio.lowlevel import checkpoint
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream

from actors.mailboxes import Mailboxes

T = TypeVar("T")


class StopSignal:
    """An event (`set`, `is_set`, `wait`) that also closes, when set, the receive ends
    registered with it: the private clones `ActorContext.messages` waits on."""

    __slots__ = ("_closing", "_event")

    def __init__(self) -> None:
        self._event = anyio.Event()
        self._closing: set[MemoryObjectReceiveStream[Any]] = set()

    def set(self) -> None:
        self._event.set()
        for waiter in list(self._closing):
            waiter.close()

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self) -> None:
        await self._event.wait()

    def close_on_set(self, waiter: MemoryObjectReceiveStream[Any]) -> None:
        """Close `waiter` when this is set (at once if it is already)."""
        if self._event.is_set():
            waiter.close()
        else:
            self._closing.add(waiter)

    def forget(self, waiter: MemoryObjectReceiveStream[Any]) -> None:
        self._closing.discard(waiter)


class ActorContext:
    """What one run of a child gets: its mailboxes, its stop signal, its ready call.

    A new context is made for every start of a child. The stream clones it hands out
    belong to this run and are closed by the supervisor when the run ends.
    """

    def __init__(self, child_id: str, run_number: int, mailboxes: Mailboxes) -> None:
        self.child_id = child_id
        self.run_number = run_number
        #: Set when the supervisor asks this run to stop gracefully.
        self.stopping = StopSignal()
        self._mailboxes = mailboxes
        self._clones: list[MemoryObjectSendStream[Any] | MemoryObjectReceiveStream[Any]] = []
        self._is_ready = False
        # Set by ready() or when the run ends: what the supervisor waits on at start.
        self._settled = anyio.Event()
        # For stuck detection: the streams read through messages() and when the
        # last message was taken from them.
        self._watched: list[MemoryObjectReceiveStream[Any]] = []
        self._last_progress = 0.0

    def inbox(self, name: str) -> MemoryObjectReceiveStream[Any]:
        """A receive end of mailbox ``name``, closed for you when this run ends."""
        stream = self._mailboxes.clone_receiver(name)
        self._clones.append(stream)
        return stream

    def outbox(self, name: str) -> MemoryObjectSendStream[Any]:
        """A send end of mailbox ``name``, closed for you when this run ends."""
        stream = self._mailboxes.clone_sender(name)
        self._clones.append(stream)
        return stream

    def ready(self) -> None:
        """Report that this child has started; the supervisor then starts the next one."""
        self._is_ready = True
        self._settled.set()

    @property
    def is_ready(self) -> bool:
        return self._is_ready

    async def messages(self, stream: MemoryObjectReceiveStream[T]) -> AsyncIterator[T]:
        """Yield messages from ``stream`` until ``stopping`` is set, then drain and end.

        After ``stopping`` is set, what is already buffered (and what blocked senders
        hold) is still yielded, without waiting for more; then the iteration ends. It
        also ends when every send end of the stream is closed.
        """
        self._watched.append(stream)
        self._last_progress = anyio.current_time()
        while not self.stopping.is_set():
            await checkpoint()
            try:
                item = stream.receive_nowait()
            except anyio.WouldBlock:
                received = await self._receive_unless_stopping(stream)
                if received is None:
                    break
                item = received[0]
            except anyio.EndOfStream:
                return
            self._last_progress = anyio.current_time()
            yield item
        while True:
            await checkpoint()
            try:
                item = stream.receive_nowait()
            except (anyio.WouldBlock, anyio.EndOfStream):
                return
            yield item

    def is_stuck(self, after: float) -> bool:
        """Messages wait in a stream this run reads, and it has taken none for ``after`` s."""
        waiting = any(stream.statistics().current_buffer_used for stream in self._watched)
        return waiting and anyio.current_time() - self._last_progress > after

    async def _receive_unless_stopping(
        self, stream: MemoryObjectReceiveStream[T]
    ) -> tuple[T] | None:
        """Wait for one message or for ``stopping``; ``None`` if stopping (or closed).

        The stop is not a cancellation of the pending ``receive()`` (whether that can
        lose an item already handed to the receiver depends on how the backend delivers
        cancellation). Instead the receive waits on a private clone of the stream, and
        setting ``stopping`` *closes* that clone: closing wakes the receive, which
        returns an item it was already given, or raises ``ClosedResourceError`` with
        nothing taken (anything buffered stays in the stream for the drain). Lossless by
        construction. No task or cancel scope per wait: a watcher task per wait, started
        and cancelled, made a message to an idle actor cost 224 µs of CPU instead of 58
        (bench/actor_wakes.py, AMD EPYC).
        """
        waiter = stream.clone()
        self.stopping.close_on_set(waiter)
        try:
            with contextlib.suppress(anyio.ClosedResourceError, anyio.EndOfStream):
                return (await waiter.receive(),)
            return None
        finally:
            self.stopping.forget(waiter)
            waiter.close()

    def _end(self) -> None:
        """Called by the supervisor when this run is over: close the clones it handed out."""
        for stream in self._clones:
            stream.close()
        self._clones.clear()
        self._settled.set()
