"""The fake Telegram served to a bot in another process, over TCP on 127.0.0.1.

Telegram's memory outlives the bot: a test can kill the bot process (SIGKILL, no
`finally` runs) and start it again, and the world (messages per chat, random_ids seen)
is still where the test process keeps it.

* Test side: `serve_remote(tg)` listens on 127.0.0.1 and yields `"127.0.0.1:PORT"`.
  Every request is answered by `tg.serve` (request log, latency, failures, answers), so
  a remote bot is observed exactly like an in-process one.
* Bot side: `connect_remote(address)` gives a `RemoteHost`, the `SessionHost` of the
  bot's fake sessions (`fake_telegram.client.build_client(host, ...)`), and an observer
  that reports handled updates back (the driver's `wait="handled"` works across).

On the wire, each frame is `>IBQqd` (length of the rest, kind, request id, bot id, the
sender's `time.monotonic()`, which the test side records as `RequestRecord.sent`) and a
payload: a request is the serialized TL that `Session.send` would have sent; an
answer or an update is serialized TL, read back with `TLObject.read` exactly as
`wire.roundtrip` does in process. Requests are read with three bytes of padding after
them: Kurigram's `Vector.read` guesses an untyped vector's element size from the bytes
left, and with the padding no guess can be 4 or 8 (a real MTProto message is followed by
padding too), so `[InputMessageID(5)]` at the end of a request reads back as written.
"""

from __future__ import annotations

import itertools
import json
import logging
import struct
import time
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, cast

import anyio
import pyrogram
from anyio.abc import SocketStream, TaskGroup
from anyio.streams.buffered import BufferedByteReceiveStream
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from pyrogram.raw.core.primitives.bool import Bool
from pyrogram.raw.core.primitives.vector import Vector
from pyrogram.raw.core.tl_object import TLObject

from fake_telegram import tl
from fake_telegram.session import FakeSession
from fake_telegram.telegram import DISPATCHER_LOGGER, FakeTelegram, update_key

log = logging.getLogger(__name__)

HEADER = struct.Struct(">IBQqd")
REQUEST, ANSWER, UPDATE, SESSION_UP, SESSION_DOWN, HANDLED = range(1, 7)
PADDING = b"\x00\x00\x00"
MAX_FRAME = 64 * 1024 * 1024

Frame = tuple[int, int, int, float, bytes]  # kind, request id, bot id, sent at, payload


def encode(kind: int, request_id: int, bot_id: int, payload: bytes = b"") -> bytes:
    length = HEADER.size - 4 + len(payload)
    return HEADER.pack(length, kind, request_id, bot_id, time.monotonic()) + payload


def tl_bytes(value: object) -> bytes:
    """An answer as TL bytes: a TL object, a list of them (a Vector) or a bool."""
    if isinstance(value, bool):
        return bytes(Bool(value))
    if isinstance(value, list):
        return bytes(Vector(value))
    if isinstance(value, TLObject):
        return value.write()
    raise TypeError(f"not a TL value: {value!r}")


def read_tl(data: bytes, *, padded: bool = False) -> Any:
    return TLObject.read(BytesIO(data + PADDING if padded else data))


async def read_frames(stream: SocketStream) -> AsyncIterator[Frame]:
    buffered = BufferedByteReceiveStream(stream)
    while True:
        try:
            head = await buffered.receive_exactly(HEADER.size)
        except (anyio.IncompleteRead, anyio.EndOfStream, anyio.BrokenResourceError, OSError):
            return
        length, kind, request_id, bot_id, sent = HEADER.unpack(head)
        rest = length - (HEADER.size - 4)
        if not 0 <= rest <= MAX_FRAME:
            raise ValueError(f"bad frame length {length}")
        try:
            payload = await buffered.receive_exactly(rest) if rest else b""
        except (anyio.IncompleteRead, anyio.EndOfStream, anyio.BrokenResourceError, OSError):
            return
        yield kind, request_id, bot_id, sent, payload


class _Writer:
    """Frames out through one queue and one task, so frames never interleave."""

    def __init__(self, stream: SocketStream) -> None:
        self._stream = stream
        self._send: MemoryObjectSendStream[bytes]
        self._receive: MemoryObjectReceiveStream[bytes]
        self._send, self._receive = anyio.create_memory_object_stream[bytes](10_000)

    def put(self, frame: bytes) -> None:
        with suppress(anyio.WouldBlock, anyio.ClosedResourceError, anyio.BrokenResourceError):
            self._send.send_nowait(frame)

    async def run(self) -> None:
        with suppress(anyio.BrokenResourceError, anyio.ClosedResourceError, OSError):
            async for frame in self._receive:
                await self._stream.send(frame)

    def close(self) -> None:
        self._send.close()


# -- the test side ------------------------------------------------------------------------


@dataclass(eq=False)
class _RemoteSink:
    """A remote process's clients of one bot, as `FakeTelegram.push` sees them."""

    writer: _Writer
    bot_id: int
    sessions: int = 0

    async def push_updates(self, updates: tl.Updates) -> None:
        self.writer.put(encode(UPDATE, 0, self.bot_id, updates.write()))


@dataclass
class RemoteServer:
    tg: FakeTelegram
    connections: int = 0

    async def handle(self, stream: SocketStream) -> None:
        self.connections += 1
        writer = _Writer(stream)
        sinks: dict[int, _RemoteSink] = {}
        try:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(writer.run)
                async with anyio.create_task_group() as answers:
                    async for kind, request_id, bot_id, sent, payload in read_frames(stream):
                        self._take(kind, request_id, bot_id, sent, payload, writer, sinks, answers)
                    # The process is gone (or closed): requests that reached "Telegram"
                    # are still carried out, as Telegram would; their answers are lost.
                    for sink in sinks.values():
                        self.tg.detach_sink(sink.bot_id, sink)
                writer.close()
        finally:
            for sink in sinks.values():
                self.tg.detach_sink(sink.bot_id, sink)
            with suppress(Exception):
                await stream.aclose()

    def _take(  # noqa: PLR0917 - one frame's fields and the connection's state
        self,
        kind: int,
        request_id: int,
        bot_id: int,
        sent: float,
        payload: bytes,
        writer: _Writer,
        sinks: dict[int, _RemoteSink],
        answers: TaskGroup,
    ) -> None:
        if kind == REQUEST:
            answers.start_soon(self._answer, writer, request_id, bot_id, sent, payload)
        elif kind == SESSION_UP:
            sink = sinks.get(bot_id)
            if sink is None:
                sink = sinks[bot_id] = _RemoteSink(writer, bot_id)
            sink.sessions += 1
            if sink.sessions == 1:
                self.tg.attach_sink(bot_id, sink)
        elif kind == SESSION_DOWN:
            sink = sinks.get(bot_id)
            if sink is not None:
                sink.sessions -= 1
                if sink.sessions <= 0:
                    self.tg.detach_sink(bot_id, sink)
                    del sinks[bot_id]
        elif kind == HANDLED:
            report = json.loads(payload)
            key = report.get("key")
            self.tg.report_handled(
                tuple(key) if isinstance(key, list) else key, report.get("error")
            )
        else:
            log.warning("remote fake Telegram: unknown frame kind %s", kind)

    async def _answer(
        self, writer: _Writer, request_id: int, bot_id: int, sent: float, payload: bytes
    ) -> None:
        query = read_tl(payload, padded=True)
        answer = await self.tg.serve(bot_id, query, sent=sent)
        if answer is None:
            return  # held and dropped: it never reached Telegram
        writer.put(encode(ANSWER, request_id, bot_id, tl_bytes(answer)))


@asynccontextmanager
async def serve_remote(tg: FakeTelegram) -> AsyncIterator[str]:
    """Serve `tg` on 127.0.0.1 (a free port) while the block runs; yields HOST:PORT."""
    server = RemoteServer(tg)
    listener = await anyio.create_tcp_listener(local_host="127.0.0.1", local_port=0)
    port = listener.extra(anyio.abc.SocketAttribute.local_port)
    async with listener, anyio.create_task_group() as tasks:
        tasks.start_soon(listener.serve, server.handle)
        try:
            yield f"127.0.0.1:{port}"
        finally:
            tasks.cancel_scope.cancel()


# -- the bot side -------------------------------------------------------------------------


@dataclass(eq=False)
class _Waiter:
    done: anyio.Event = field(default_factory=anyio.Event)
    answer: object = None
    lost: bool = False


class RemoteHost:
    """The `SessionHost` of fake sessions whose Telegram is in another process."""

    def __init__(self, stream: SocketStream) -> None:
        self._stream = stream
        self._writer = _Writer(stream)
        self._ids = itertools.count(1)
        self._waiting: dict[int, _Waiter] = {}
        self._sessions: list[FakeSession] = []
        self._tasks: TaskGroup | None = None
        self.closed = anyio.Event()

    async def run(
        self, *, task_status: anyio.abc.TaskStatus[None] = anyio.TASK_STATUS_IGNORED
    ) -> None:
        async with anyio.create_task_group() as tasks:
            self._tasks = tasks
            tasks.start_soon(self._writer.run)
            task_status.started()
            async for kind, request_id, bot_id, _sent, payload in read_frames(self._stream):
                if kind == ANSWER:
                    waiter = self._waiting.get(request_id)
                    if waiter is not None:
                        waiter.answer = read_tl(payload)
                        waiter.done.set()
                elif kind == UPDATE:
                    tasks.start_soon(self._deliver, bot_id, read_tl(payload))
            self.closed.set()
            for waiter in self._waiting.values():
                waiter.lost = True
                waiter.done.set()
            tasks.cancel_scope.cancel()

    async def serve(self, bot_id: int, query: TLObject[Any]) -> object:
        request_id = next(self._ids)
        waiter = self._waiting[request_id] = _Waiter()
        try:
            if self.closed.is_set():
                raise ConnectionError("the fake Telegram is gone")
            self._writer.put(encode(REQUEST, request_id, bot_id, query.write()))
            await waiter.done.wait()
            if waiter.lost:
                raise ConnectionError("the fake Telegram is gone")
            return waiter.answer
        finally:
            del self._waiting[request_id]

    def session_started(self, session: FakeSession) -> None:
        self._sessions.append(session)
        self._writer.put(encode(SESSION_UP, 0, session.bot_id))

    def session_stopped(self, session: FakeSession) -> None:
        if session in self._sessions:
            self._sessions.remove(session)
            self._writer.put(encode(SESSION_DOWN, 0, session.bot_id))

    async def _deliver(self, bot_id: int, updates: object) -> None:
        clients: dict[int, pyrogram.Client] = {}
        for session in self._sessions:
            if session.bot_id == bot_id:
                clients.setdefault(id(session.client), session.client)
        for client in clients.values():
            handle = cast(Callable[[object], Awaitable[None]], client.handle_updates)
            await handle(updates)

    # -- the app's observer ------------------------------------------------------------

    def update_handled(self, update: object, error: BaseException | None) -> None:
        """The app's `UpdateObserver`: tell the test process (`tg.report_handled`)."""
        key = update_key(update)
        text = None if error is None else "".join(traceback.format_exception(error))
        self.report(key, text)

    def report(self, key: object, error_text: str | None) -> None:
        payload = json.dumps({"key": key, "error": error_text}).encode()
        self._writer.put(encode(HANDLED, 0, 0, payload))

    def watch_dispatcher_errors(self) -> logging.Handler:
        """Kurigram only logs handler exceptions: report them as handler errors."""
        host = self

        class _Forward(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                text = record.getMessage()
                if record.exc_info and record.exc_info[0] is not None:
                    text += "\n" + "".join(traceback.format_exception(*record.exc_info))
                host.report(None, text)

        handler = _Forward(level=logging.ERROR)
        logging.getLogger(DISPATCHER_LOGGER).addHandler(handler)
        return handler


@asynccontextmanager
async def connect_remote(address: str) -> AsyncIterator[RemoteHost]:
    """Connect to `serve_remote`'s HOST:PORT; the host runs while the block does."""
    host_name, _, port = address.rpartition(":")
    stream = await anyio.connect_tcp(host_name or "127.0.0.1", int(port))
    host = RemoteHost(stream)
    async with anyio.create_task_group() as tasks:
        await tasks.start(host.run)
        try:
            yield host
        finally:
            tasks.cancel_scope.cancel()
            # Shielded: an unshielded await here would raise the cancellation just
            # requested, which replaces the block's own error (a supervisor's give-up
            # came out as a normal end, and remote_bot exited 0).
            with anyio.CancelScope(shield=True), suppress(Exception):
                await stream.aclose()
