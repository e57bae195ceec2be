"""`FakeTelegram`: the world, the server loop and the test-facing controls in one place.

```python
tg = FakeTelegram()
client = tg.make_client()            # inside the running loop; the app starts it
alice = tg.user(42, lang="ru", first_name="Алиса")
tg.fail("messages.SendMessage", "FLOOD_WAIT_3")
tg.block(43); tg.deactivate(44); tg.latency = 0.05
```

The world (`tg.world`) is plain data; everything else here is process-local plumbing
(live sessions, wake-ups, the request log, collected handler errors).

The request log is a ring of the last `request_log` requests (10k by default; None keeps
them all, for a bench that needs every arrival time), beside counters that see them
all (`request_counts` by function, `requests_seen` in total), so a long run does not
carry every request it made. `on_request`, when set, is told every request as it is
logged (a bench keeps the little it needs of each).
"""

# The driver's API takes `timeout=` (`await alice.expect_message(timeout=5)`); every wait
# is still bounded inside with anyio.fail_after.
# ruff: noqa: ASYNC109

from __future__ import annotations

import logging
import math
import time
import traceback
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, NamedTuple, Protocol, TypeVar, cast

import anyio
import pyrogram
from pyrogram.raw.core.tl_object import TLObject

from fake_telegram import tl
from fake_telegram.client import build_client, install_observer
from fake_telegram.driver import SimulatedUser
from fake_telegram.failures import FailureRule, Failures, RpcFailure
from fake_telegram.media import MediaConverter
from fake_telegram.payments import FakePayments
from fake_telegram.render import Renderer
from fake_telegram.rpc import TelegramRpc
from fake_telegram.session import FakeSession
from fake_telegram.signals import Signals
from fake_telegram.state import ChannelRecord, UserRecord, World
from fake_telegram.updates import Inbound
from fake_telegram.views import BotMessage, WaitMode
from fake_telegram.wire import function_name, request_peer, roundtrip, unwrap

T = TypeVar("T")

DEFAULT_BOT_ID = 7_000_000_001
DEFAULT_BOT_USERNAME = "shop_test_bot"
DISPATCHER_LOGGER = "pyrogram.dispatcher"
#: Requests kept in the log (a ring); the counters see every one.
REQUEST_LOG = 10_000

SEND_FUNCTIONS = frozenset(
    {"messages.SendMessage", "messages.SendMedia", "messages.SendMultiMedia"}
)


class RequestRecord(NamedTuple):
    time: float  # time.monotonic() when the request reached the fake
    name: str  # "messages.SendMessage"
    peer: int | None  # Bot API style chat id the request is about
    raw: TLObject[Any]  # the function, unwrapped from InvokeWithLayer & co
    # For a bot in another process (fake_telegram.remote): time.monotonic() (the same
    # clock, system-wide) when the bot put it on the wire; None in process.
    sent: float | None = None


class UpdateSink(Protocol):
    """A client in another process (`fake_telegram.remote`): pushed updates go to it."""

    async def push_updates(self, updates: tl.Updates) -> None: ...


@dataclass(frozen=True)
class HandlerError:
    source: str  # "observer" (update_handled) or "log" (pyrogram.dispatcher ERROR record)
    update: Hashable | None  # the update's key, when known
    error: BaseException | None
    text: str

    def __str__(self) -> str:
        return f"[{self.source}] {self.text}"


class _DispatcherErrors(logging.Handler):
    """Kurigram only logs handler exceptions: collect them as failures."""

    def __init__(self, sink: Callable[[HandlerError], None]) -> None:
        super().__init__(level=logging.ERROR)
        self._sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        text = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self._sink(HandlerError("log", None, error, text))


def update_key(update: object) -> Hashable | None:
    """(chat id, message id) for a Message, the query id for a CallbackQuery."""
    if isinstance(update, pyrogram.types.CallbackQuery):
        return str(update.id)
    if isinstance(update, pyrogram.types.Message):
        chat = update.chat
        return None if chat is None else (chat.id, update.id)
    return None


class Hold:
    """Requests of one function held "in the network" before they reach Telegram (see
    `FakeTelegram.hold`): `release(n)` lets n through (all, and every later one, when n
    is None); `drop()` loses the ones waiting (they never reached Telegram: e.g. the
    process that sent them was killed) and ends the hold."""

    def __init__(
        self, name: str, on_change: Callable[[], None], on_drop: Callable[[], None]
    ) -> None:
        self.name = name
        self._on_drop = on_drop
        self.waiting = 0
        self._passes = 0
        self._open = False
        self._dropped = False
        self._changed = anyio.Event()
        self._on_change = on_change

    async def pass_through(self) -> bool:
        """Wait for a release (True) or a drop (False)."""
        self.waiting += 1
        self._on_change()
        try:
            while True:
                if self._dropped:
                    return False
                if self._open or self._passes > 0:
                    self._passes = max(0, self._passes - 1)
                    return True
                changed = self._changed
                await changed.wait()
        finally:
            self.waiting -= 1
            self._on_change()

    def release(self, count: int | None = None) -> None:
        if count is None:
            self._open = True
        else:
            self._passes += count
        self._changed.set()
        self._changed = anyio.Event()

    def drop(self) -> None:
        self._dropped = True
        self._on_drop()
        self._changed.set()
        self._changed = anyio.Event()


class FakeTelegram:
    def __init__(
        self,
        *,
        bot_id: int = DEFAULT_BOT_ID,
        bot_username: str = DEFAULT_BOT_USERNAME,
        bot_name: str = "Shop Test Bot",
        seed: int | None = None,
        timeout: float = 5.0,
        latency: float = 0.0,
        world: World | None = None,
        request_log: int | None = REQUEST_LOG,
    ) -> None:
        self.world = world if world is not None else World(seed=seed)
        self.bot_id = bot_id
        self.timeout = timeout
        self.latency = latency
        self.requests: deque[RequestRecord] = deque(maxlen=request_log)
        self.request_counts: Counter[str] = Counter()  # every request, by function
        self.on_request: Callable[[RequestRecord], None] | None = None
        #: Grows with every request answered and every update pushed: whoever keeps the
        #: world (the sandbox saves it) sees cheaply whether it may have changed.
        self.changes = 0
        self.handler_errors: list[HandlerError] = []
        self.failures = Failures()
        self.render = Renderer(self.world)
        self.media = MediaConverter(self.world, self.render)
        self.rpc = TelegramRpc(self.world, self.render, self.media, self._chat_changed)
        self.inbound = Inbound(self.world, self.render, self._chat_changed)
        self.payments = FakePayments(self)
        self._signals = Signals()
        self._sessions: dict[int, list[FakeSession]] = {}
        self._sinks: dict[int, list[UpdateSink]] = {}
        self._users: dict[tuple[int, int], SimulatedUser] = {}
        self._awaiting: set[Hashable] = set()
        self._handled: set[Hashable] = set()
        self._holds: dict[str, Hold] = {}
        self._change_count = 0
        self._chat_versions: dict[tuple[int, int], int] = {}
        self.add_bot(bot_id, username=bot_username, first_name=bot_name)
        self._log_handler = _DispatcherErrors(self.handler_errors.append)
        logging.getLogger(DISPATCHER_LOGGER).addHandler(self._log_handler)

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Stop collecting Kurigram's dispatcher errors (the world stays readable).

        The `pyrogram.dispatcher` logger is process-wide: while several fakes are open,
        each collects the handler errors of every client in the process."""
        logging.getLogger(DISPATCHER_LOGGER).removeHandler(self._log_handler)

    def __enter__(self) -> FakeTelegram:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- people and chats --------------------------------------------------------------

    def add_bot(self, bot_id: int, *, username: str, first_name: str = "Bot") -> UserRecord:
        record = self.world.users.get(bot_id)
        if record is None:
            record = self.world.users[bot_id] = UserRecord(
                id=bot_id, first_name=first_name, username=username, is_bot=True
            )
        self.world.mailbox(bot_id)
        return record

    def user(
        self,
        user_id: int,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        username: str | None = None,
        lang: str | None = None,
        phone: str | None = None,
        is_bot: bool = False,
        bot_id: int | None = None,
    ) -> SimulatedUser:
        """The simulated user `user_id` (created on first use; given fields are updated)."""
        record = self.world.users.get(user_id)
        if record is None:
            record = self.world.users[user_id] = UserRecord(
                id=user_id, first_name=first_name or f"User{user_id}", is_bot=is_bot
            )
        if first_name is not None:
            record.first_name = first_name
        if last_name is not None:
            record.last_name = last_name
        if username is not None:
            record.username = username
        if lang is not None:
            record.language_code = lang
        if phone is not None:
            record.phone = phone
        bot = self.bot_id if bot_id is None else bot_id
        simulated = self._users.get((bot, user_id))
        if simulated is None:
            simulated = self._users[(bot, user_id)] = SimulatedUser(self, user_id, bot)
        return simulated

    def add_channel(
        self,
        title: str,
        *,
        channel_id: int | None = None,
        username: str | None = None,
        broadcast: bool = True,
        forum: bool = False,
        bot_is_admin: bool = True,
    ) -> ChannelRecord:
        """A channel (broadcast=True) or a supergroup (forum=True for topics).
        `record.chat_id` is its Bot API id (-100...)."""
        raw_id = channel_id if channel_id is not None else 1_000_000_000 + len(self.world.channels)
        channel = ChannelRecord(
            id=raw_id,
            title=title,
            username=username,
            broadcast=broadcast,
            forum=forum,
            bot_is_admin=bot_is_admin,
        )
        self.world.channels[raw_id] = channel
        return channel

    def add_forum_topic(self, chat_id: int, title: str) -> int:
        """Open a topic in a forum supergroup; returns its id (message_thread_id)."""
        channel = self.world.channel_by_chat_id(chat_id)
        if channel is None or not channel.forum:
            raise ValueError(f"{chat_id} is not a forum supergroup of this fake")
        topic_id = channel.allocate_message_id()
        channel.topics[topic_id] = title
        return topic_id

    def messages_in(self, chat_id: int, *, bot_id: int | None = None) -> list[BotMessage]:
        """Messages of any chat (e.g. a channel's posts), deletions gone."""
        bot = self.bot_id if bot_id is None else bot_id
        return [
            BotMessage(m, self.world) for m in self.world.messages_of(bot, chat_id) if not m.deleted
        ]

    # -- failures ----------------------------------------------------------------------

    def fail(
        self,
        function: str,
        error: str,
        *,
        times: int | None = 1,
        peer: int | None = None,
        code: int | None = None,
    ) -> FailureRule:
        """Answer the next `times` requests of `function` ("messages.SendMessage", or "*")
        about `peer` (any when None) with the RPC error `error`, e.g. "FLOOD_WAIT_3".

        The code comes from Kurigram's error table unless given. An error string Kurigram
        does not know becomes a bare `BadRequest` (or the code's category) and Kurigram
        appends a line to ./unknown_errors.txt."""
        return self.failures.add(function, error, times=times, peer=peer, code=code)

    def block(self, user_id: int, blocked: bool = True) -> None:
        """The user blocked the bot: every send to them is answered USER_IS_BLOCKED (403)."""
        self.user(user_id).record.blocked_bot = blocked

    def deactivate(self, user_id: int, deactivated: bool = True) -> None:
        """The user deleted their account: sends are answered INPUT_USER_DEACTIVATED."""
        self.user(user_id).record.deactivated = deactivated

    def hold(self, function: str) -> Hold:
        """Hold every request of `function` ("messages.SendMessage") before it reaches
        Telegram, until released or dropped (dropping ends the hold)."""

        def forget() -> None:
            if self._holds.get(function) is held:
                del self._holds[function]

        held = Hold(function, lambda: self._signals.notify(("hold",)), forget)
        self._holds[function] = held
        return held

    async def wait_held(self, hold: Hold, count: int, timeout: float | None = None) -> None:
        """Wait until at least `count` requests wait in `hold`."""
        await self._signals.wait_until(
            ("hold",),
            lambda: True if hold.waiting >= count else None,
            self._timeout(timeout),
            f"{count} held {hold.name} requests",
        )

    @property
    def random_id_duplicate_code(self) -> int:
        return self.rpc.random_id_duplicate_code

    @random_id_duplicate_code.setter
    def random_id_duplicate_code(self, code: int) -> None:
        self.rpc.random_id_duplicate_code = code

    # -- clients -----------------------------------------------------------------------

    def make_client(
        self,
        *,
        bot_id: int | None = None,
        username: str | None = None,
        name: str = "bot",
        **client_kwargs: Any,
    ) -> pyrogram.Client:
        """A real Kurigram bot client on this fake. Call inside the running event loop."""
        bot = self.bot_id if bot_id is None else bot_id
        known = self.world.users.get(bot)
        self.add_bot(bot, username=username or (known.username if known else None) or "bot")
        if username is not None:
            self.world.users[bot].username = username
        return build_client(self, bot_id=bot, name=name, **client_kwargs)

    def client_factory(
        self,
        *,
        bot_id: int | None = None,
        username: str | None = None,
        name: str = "bot",
        **client_kwargs: Any,
    ) -> Callable[[], pyrogram.Client]:
        """A zero-argument factory the app calls inside its own loop."""

        def build() -> pyrogram.Client:
            return self.make_client(bot_id=bot_id, username=username, name=name, **client_kwargs)

        return build

    def install_observer(self, client: pyrogram.Client) -> None:
        """For a bare Kurigram bot: report updates handled after all its handler groups."""
        install_observer(client, self)

    def live_sessions(self, bot_id: int | None = None) -> list[FakeSession]:
        return list(self._sessions.get(self.bot_id if bot_id is None else bot_id, []))

    def live_clients(self, bot_id: int | None = None) -> list[pyrogram.Client]:
        """Connected clients of the bot, each once (a client may hold several sessions)."""
        clients: dict[int, pyrogram.Client] = {}
        for session in self.live_sessions(bot_id):
            clients.setdefault(id(session.client), session.client)
        return list(clients.values())

    def connected(self, bot_id: int | None = None) -> int:
        """How many clients of the bot are connected, here and in other processes (two
        replicas of one bot both connected is two; the lease must keep it at one)."""
        bot = self.bot_id if bot_id is None else bot_id
        return len(self.live_clients(bot)) + len(self._sinks.get(bot, []))

    def echo_outgoing(self, message: BotMessage) -> tl.Updates:
        """The update another session of the bot gets for a message the bot sent (a real
        server echoes a bot's outgoing messages to its other sessions); push it to show
        the bot ignores its own messages."""
        stored = message.stored
        if not stored.outgoing:
            raise ValueError(f"message {stored.id} was not sent by the bot")
        bot = stored.sender_id
        if bot is None:
            raise ValueError(f"message {stored.id} has no sender")
        box = self.world.mailbox(bot)
        update = self.render.new_message(stored, viewer=bot, pts=box.next_pts())
        return self.render.updates([update], [stored], viewer=bot, seq=box.next_seq())

    async def wait_connected(
        self, count: int, bot_id: int | None = None, timeout: float | None = None
    ) -> None:
        """Wait until exactly `count` clients of the bot are connected (see `connected`)."""
        bot = self.bot_id if bot_id is None else bot_id
        await self._signals.wait_until(
            ("sessions", bot),
            lambda: True if self.connected(bot) == count else None,
            self._timeout(timeout),
            f"{count} connected clients of bot {bot}",
        )

    async def wait_for_client(
        self, bot_id: int | None = None, timeout: float | None = None
    ) -> None:
        """Wait until a client of the bot is connected (e.g. the app is starting it)."""
        bot = self.bot_id if bot_id is None else bot_id
        await self._signals.wait_until(
            ("sessions", bot),
            lambda: True if self._sessions.get(bot) or self._sinks.get(bot) else None,
            self._timeout(timeout),
            f"a connected client of bot {bot}",
        )

    # -- the seam (called by FakeSession) ----------------------------------------------

    def session_started(self, session: FakeSession) -> None:
        self._sessions.setdefault(session.bot_id, []).append(session)
        self._sessions_changed(session.bot_id)

    def session_stopped(self, session: FakeSession) -> None:
        live = self._sessions.get(session.bot_id, [])
        if session in live:
            live.remove(session)
            self._sessions_changed(session.bot_id)

    def attach_sink(self, bot_id: int, sink: UpdateSink) -> None:
        """A connected client of the bot in another process (see `fake_telegram.remote`)."""
        self._sinks.setdefault(bot_id, []).append(sink)
        self._sessions_changed(bot_id)

    def detach_sink(self, bot_id: int, sink: UpdateSink) -> None:
        live = self._sinks.get(bot_id, [])
        if sink in live:
            live.remove(sink)
            self._sessions_changed(bot_id)

    async def serve(
        self, bot_id: int, query: TLObject[Any], *, sent: float | None = None
    ) -> object:
        """Answer one request: log it, wait the latency, fail it or answer it (as TL).
        `sent`: when a bot in another process sent it (see `RequestRecord.sent`)."""
        query.write()  # fails here if Kurigram built something it could not send
        # Not read back: Kurigram's Vector.read guesses element types by average size, so
        # a request ending in [InputMessageID(5)] would read back as [5] (a long).
        inner = unwrap(query)
        name = function_name(inner)
        hold = self._holds.get(name)
        if hold is not None and not await hold.pass_through():
            return None  # lost on the way: no answer (the sender times out)
        peer = request_peer(inner, self_id=bot_id)
        record = RequestRecord(time.monotonic(), name, peer, inner, sent)
        self.requests.append(record)
        self.request_counts[name] += 1
        if self.on_request is not None:
            self.on_request(record)
        if self.latency > 0:
            await anyio.sleep(self.latency)
        try:
            failure = self.failures.take(name, peer)
            if failure is not None:
                raise failure
            answer = self.rpc.answer(bot_id, inner)
        except RpcFailure as failed:
            return roundtrip(tl.RpcError(error_code=failed.code, error_message=failed.message))
        self.changes += 1
        return roundtrip(answer)

    # -- pushing updates ---------------------------------------------------------------

    async def push(
        self, updates: tl.Updates, *, bot_id: int | None = None, timeout: float | None = None
    ) -> None:
        """Deliver a full `Updates` to every connected client of the bot (as the real
        session does: `client.handle_updates`), waiting for one to connect if needed.
        The updates are logged first, for `updates.getDifference` (see `Mailbox`)."""
        bot = self.bot_id if bot_id is None else bot_id
        # Telegram keeps what it sends: a bot that misses it gets it from getDifference.
        self.world.mailbox(bot).log_pushed(updates)
        self.changes += 1
        await self.wait_for_client(bot, timeout)
        if self.latency > 0:
            await anyio.sleep(self.latency)
        for client in self.live_clients(bot):
            # Client.handle_updates is unannotated in Kurigram.
            handle = cast(Callable[[object], Awaitable[None]], client.handle_updates)
            await handle(roundtrip(updates))
        for sink in list(self._sinks.get(bot, [])):
            await sink.push_updates(updates)

    # -- observer protocol (called by the app's update loop) ---------------------------

    def update_handled(self, update: object, error: BaseException | None) -> None:
        """The app finished handling `update` (a Kurigram Message or CallbackQuery).
        Synchronous; call it from the event loop's thread."""
        key = update_key(update)
        text = None if error is None else "".join(traceback.format_exception(error))
        self.report_handled(key, text, error)

    def report_handled(
        self, key: Hashable | None, error_text: str | None, error: BaseException | None = None
    ) -> None:
        """`update_handled` by key, for an app in another process (`error_text`: its
        traceback, when the handler failed)."""
        if error_text is not None:
            self.handler_errors.append(HandlerError("observer", key, error, error_text))
        if key is not None and key in self._awaiting:
            self._awaiting.discard(key)
            self._handled.add(key)
            self._signals.notify(("handled", key))
            self._signals.notify(("handled",))

    def expect_handled(self, key: Hashable) -> None:
        """Register interest in `key` before pushing its update."""
        self._awaiting.add(key)

    async def wait_handled_count(
        self, keys: Iterable[Hashable], count: int, timeout: float | None = None
    ) -> None:
        """Wait until at least `count` of `keys` (each `expect_handled` before its update
        was pushed) are reported handled; they stay counted as handled."""
        wanted = set(keys)
        await self._signals.wait_until(
            ("handled",),
            lambda: True if len(wanted & self._handled) >= count else None,
            self._timeout(timeout),
            f"{count} updates reported handled",
        )

    async def wait_handled(self, key: Hashable, timeout: float | None = None) -> None:
        try:
            await self._signals.wait_until(
                ("handled", key),
                lambda: True if key in self._handled else None,
                self._timeout(timeout),
                f"update {key!r} reported handled (is the app's observer wired to "
                "tg.update_handled? a bare Kurigram bot needs wait='reply' or "
                "tg.install_observer(client))",
            )
        finally:
            self._handled.discard(key)
            self._awaiting.discard(key)

    async def wait_for_chat(
        self,
        bot_id: int,
        chat_id: int,
        check: Callable[[], T | None],
        *,
        timeout: float | None = None,
        what: str = "a change in the chat",
    ) -> T:
        """Re-run `check` whenever the chat changes, until it returns something."""
        return await self._signals.wait_until(
            ("chat", bot_id, chat_id), check, self._timeout(timeout), what
        )

    async def deliver_from(
        self,
        user_id: int,
        bot_id: int,
        updates: tl.Updates,
        *,
        key: Hashable,
        wait: WaitMode,
        timeout: float | None,
    ) -> list[BotMessage]:
        """Deliver `updates` as something user `user_id` did (the driver's own waiting)."""
        return await self.user(user_id, bot_id=bot_id)._deliver(updates, key, wait, timeout)

    async def watch_chats(
        self, *, until_bot_leaves: int | None = None
    ) -> AsyncIterator[set[tuple[int, int]]]:
        """Forever: the (bot id, chat id) pairs whose messages changed (sent, edited,
        deleted, a user's message, a callback answered) since the previous yield.

        Lossless and coalescing: a slow reader gets every changed chat once, never a
        queue of repeats. For watchers such as the sandbox's web chat (live updates).
        `until_bot_leaves`: a bot id; the watch ends once that bot, connected at some
        point, has no client connected any more (the app stopped), so a server can
        close its event streams instead of holding its own stop up."""
        seen = self._change_count
        was_connected = False
        while True:
            if until_bot_leaves is not None:
                connected = self.connected(until_bot_leaves) > 0
                if was_connected and not connected:
                    return
                was_connected = was_connected or connected
            await self._signals.wait_until(
                ("chats",),
                partial(self._watch_wakes, seen, until_bot_leaves, was_connected),
                math.inf,
                "a chat change",
            )
            if self._change_count == seen:
                continue  # the bot left: ends above
            changed = {chat for chat, version in self._chat_versions.items() if version > seen}
            seen = self._change_count
            yield changed

    def _watch_wakes(self, seen: int, bot_id: int | None, was_connected: bool) -> bool | None:
        if self._change_count > seen:
            return True
        if bot_id is None:
            return None
        return True if (self.connected(bot_id) > 0) != was_connected else None

    def _sessions_changed(self, bot_id: int) -> None:
        self._signals.notify(("sessions", bot_id))
        self._signals.notify(("chats",))  # watchers waiting for a bot to leave

    def _chat_changed(self, bot_id: int, chat_id: int) -> None:
        self._change_count += 1
        self._chat_versions[(bot_id, chat_id)] = self._change_count
        self._signals.notify(("chat", bot_id, chat_id))
        self._signals.notify(("chats",))

    def _timeout(self, timeout: float | None) -> float:
        return self.timeout if timeout is None else timeout

    # -- handler errors ----------------------------------------------------------------

    def take_handler_errors(self) -> list[HandlerError]:
        """The collected handler errors, clearing them (for tests that expect some)."""
        errors = list(self.handler_errors)
        self.handler_errors.clear()
        return errors

    def assert_no_handler_errors(self) -> None:
        if self.handler_errors:
            details = "\n\n".join(str(e) for e in self.handler_errors)
            raise AssertionError(f"{len(self.handler_errors)} bot handler error(s):\n\n{details}")

    # -- request log -------------------------------------------------------------------

    @property
    def requests_seen(self) -> int:
        """Every request served, including those the ring has let go."""
        return sum(self.request_counts.values())

    def requests_named(self, *names: str, peer: int | None = None) -> list[RequestRecord]:
        """The logged requests of `names` (any when none), oldest first: the last
        `request_log` requests only; `request_counts` has the totals."""
        wanted = set(names)
        return [
            r
            for r in self.requests
            if (not wanted or r.name in wanted) and (peer is None or r.peer == peer)
        ]

    def max_in_window(
        self,
        names: Iterable[str] = SEND_FUNCTIONS,
        *,
        window: float = 1.0,
        peer: int | None = None,
    ) -> int:
        """The most requests of `names` seen in any rolling `window` seconds."""
        times = [r.time for r in self.requests_named(*names, peer=peer)]
        best = 0
        start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best
