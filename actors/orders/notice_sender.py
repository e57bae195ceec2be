"""Sends the order notices of the ledger (`models.order_notices`), each exactly once.

* One worker per order at a time sends its pending notices oldest first, so a customer
  never reads "shipped" before "confirmed"; at most `slots` notices are sent at once.
  The workers take turns notice by notice, and the first notice of each worker goes
  ahead of the others' later ones: a burst of new orders tells every customer before
  the admins get the cards.
* The statement that marks a notice sent also claims the order's next one (one on
  PostgreSQL: `mark_sent_and_claim_next`), so a new order's notices cost a statement
  each besides their reads. The first notices of a batch of orders placed together
  are claimed with their orders in one statement (`kick_all`). A claim not sent when
  its worker ends (a database outage, a stop) counts as an attempt and is sent by a
  later pass.
* `kick(order_id)` after a change was committed; `sweep()` at start and every few
  seconds finds every order with pending notices (left by a crash, a kill -9, or a
  transient failure), so nothing depends on an in-memory message.
* A notice's `random_id` comes from its row (its random nonce, order, kind, recipient):
  a re-send after a crash carries the same one and Telegram answers
  RANDOM_ID_DUPLICATE, which counts as sent. The reader gets it once.
* Outcomes: sent; failed (the bot is blocked or the account deleted, and the user is
  marked; any other refusal by Telegram); still pending after a transient failure
  (timeout, network, 5xx, a flood wait longer than Kurigram sleeps off): the order's
  later notices wait behind it, and the sweep tries again after a growing pause. A
  notice begun `MAX_ATTEMPTS` times without an outcome is given up, so one notice that
  crashes the processor cannot crash-loop it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from pyrogram.errors import FloodWait, InternalServerError, ServiceUnavailable
from pyrogram.errors.rpc_error import RPCError

from actors.broadcast.delivery import BLOCKED_ERRORS, DUPLICATE, error_name
from actors.messages import Alert, Severity
from actors.names import ORDER_PROCESSOR
from actors.orders.notifier import OrderNotifier
from models.order_notices import (
    MAX_ATTEMPTS,
    PendingNotice,
    mark_failed,
    mark_sent,
    mark_sent_and_claim_next,
    orders_with_pending_notices,
)
from models.order_views import (
    ClaimedNotice,
    OrderView,
    claim_first_with_views,
    claim_next_with_view,
    load_order_view,
)
from models.users import mark_bot_blocked
from runtime.db_errors import is_transient_database_error

notices_log = logger.bind(actor=ORDER_PROCESSOR)

#: An edit that changes nothing is done.
NOT_MODIFIED = "MESSAGE_NOT_MODIFIED"
#: Pause before a notice that failed transiently is tried again: doubling, capped (s).
RETRY_PAUSE = (1.0, 300.0)


def random_id_of(notice: PendingNotice) -> int:
    """The notice's `random_id`: the same at every send of this row, different for every
    row (its random nonce); a signed 64-bit, never 0."""
    seed = f"shopbot-order-notice:{notice.nonce}:{notice.order_id}:{notice.kind}:{notice.recipient}"
    digest = hashlib.sha256(seed.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True) or 1


@dataclass
class NoticeSender:
    notifier: OrderNotifier
    tasks: TaskGroup
    slots: anyio.Semaphore
    alerts: MemoryObjectSendStream[Alert] | None = None  # a notice given up is told
    _active: set[int] = field(default_factory=set)  # orders with a worker
    _again: set[int] = field(default_factory=set)  # kicked while their worker ran
    _not_before: dict[int, float] = field(default_factory=dict)  # order -> retry time
    #: order -> its next notice, claimed by the statement that marked the last one sent
    #: (None: it had no more). Only the order's worker reads and writes its entry.
    _claimed: dict[int, PendingNotice | None] = field(default_factory=dict)
    #: order -> its first notice with its order, claimed by `kick_all` (None: it had
    #: none pending). Only the order's worker reads and takes its entry.
    _preclaimed: dict[int, ClaimedNotice | None] = field(default_factory=dict)
    #: Workers waiting to send (or sending) their first notice: a new order's "placed"
    #: to its customer, the card of the admin who pressed. Later notices (the admins'
    #: cards of a new order...) wait until there are none, so in a burst of orders every
    #: customer hears first.
    _first_waiting: int = 0
    _no_first_waiting: anyio.Event = field(default_factory=anyio.Event)

    def kick(self, order_id: int) -> None:
        """Send the order's pending notices (a worker is started unless one runs)."""
        self._not_before.pop(order_id, None)
        self._start(order_id)

    def kick_all(self, order_ids: Sequence[int]) -> None:
        """`kick` each of these orders (placed together): the first notices of those
        with no worker are claimed together with their orders, in one statement on
        PostgreSQL, by a task that then starts their workers."""
        idle = []
        for order_id in dict.fromkeys(order_ids):
            self._not_before.pop(order_id, None)
            if order_id in self._active:
                self._again.add(order_id)
            else:
                self._active.add(order_id)
                idle.append(order_id)
        if idle:
            self._first_enter()  # until their workers take over (see `_first_waiting`)
            self.tasks.start_soon(self._claim_and_start, idle)

    async def _claim_and_start(self, order_ids: list[int]) -> None:
        try:
            claims = await claim_first_with_views(order_ids)
        except Exception as error:
            for order_id in order_ids:
                self._active.discard(order_id)
            if not is_transient_database_error(error):
                raise
            # The rows stay pending (nothing was claimed): a later sweep takes them.
            notices_log.warning("{} orders: notices wait for the database", len(order_ids))
            return
        finally:
            self._first_leave()
        for order_id in order_ids:
            self._preclaimed[order_id] = claims.get(order_id)
            self.tasks.start_soon(self._work, order_id)

    async def sweep(self) -> None:
        """Start a worker for every order with pending notices, unless it waits for a
        retry after a transient failure."""
        now = anyio.current_time()
        for order_id in await orders_with_pending_notices():
            if self._not_before.get(order_id, 0.0) <= now:
                self._not_before.pop(order_id, None)
                self._start(order_id)

    async def sweep_every(self, seconds: float) -> None:
        while True:
            await anyio.sleep(seconds)
            try:
                await self.sweep()
            except Exception as error:
                if not is_transient_database_error(error):
                    raise
                notices_log.warning("notice sweep skipped: the database is unreachable")

    def _start(self, order_id: int) -> None:
        if order_id in self._active:
            self._again.add(order_id)
            return
        self._active.add(order_id)
        self.tasks.start_soon(self._work, order_id)

    async def _work(self, order_id: int) -> None:
        try:
            while True:
                self._again.discard(order_id)
                if not await self._send_pending(order_id) or order_id not in self._again:
                    return
        except Exception as error:
            if not is_transient_database_error(error):
                raise
            # A database outage: the rows stay pending and a later sweep takes them.
            notices_log.warning("order {}: notices wait for the database", order_id)
            self._not_before[order_id] = anyio.current_time() + RETRY_PAUSE[0]
        finally:
            self._active.discard(order_id)
            self._again.discard(order_id)
            self._claimed.pop(order_id, None)  # a claim left unsent is sent by a later pass
            self._preclaimed.pop(order_id, None)

    async def _send_pending(self, order_id: int) -> bool:
        """Send the order's pending notices in order; False when one is left pending
        after a transient failure (the rest wait behind it). The first notice of a kick
        goes ahead of the later notices of other orders (see `_first_waiting`)."""
        self._first_enter()
        try:
            async with self.slots:
                sent = await self._send_next(order_id)
        finally:
            self._first_leave()
        while sent is None:
            while self._first_waiting:
                await self._no_first_waiting.wait()
            async with self.slots:
                sent = await self._send_next(order_id)
        return sent

    @contextmanager
    def customers_first(self) -> Iterator[None]:
        """While orders are being placed, the later notices (the admins' cards) wait as
        they do behind a first notice: the customers of the orders still being placed
        hear first, and the placement is not slowed by the cards of the orders before."""
        self._first_enter()
        try:
            yield
        finally:
            self._first_leave()

    def _first_enter(self) -> None:
        if not self._first_waiting:
            self._no_first_waiting = anyio.Event()
        self._first_waiting += 1

    def _first_leave(self) -> None:
        self._first_waiting -= 1
        if not self._first_waiting:
            self._no_first_waiting.set()

    async def _next_claim(self, order_id: int) -> ClaimedNotice | None:
        """The order's next notice, claimed, with its order as it is now; None when it
        has no more. Claimed by `kick_all`, by the last notice's mark, or now."""
        if order_id in self._preclaimed:
            return self._preclaimed.pop(order_id)
        if order_id in self._claimed:
            notice = self._claimed.pop(order_id)
            if notice is None:
                return None
            # Claimed with the last notice's mark, it may have waited behind other
            # orders' first notices since: its order is read now, as it is sent.
            return ClaimedNotice(notice, await load_order_view(order_id, notice.recipient))
        return await claim_next_with_view(order_id)

    async def _send_next(self, order_id: int) -> bool | None:
        """Send the order's oldest pending notice, holding one slot: None when there may
        be more. The slot is taken again for each notice (anyio's semaphore is fair), so
        the orders waiting take turns, notice by notice: in a burst every customer's
        first notice goes out before the admins' cards of the orders ahead of it."""
        claimed = await self._next_claim(order_id)
        if claimed is None:
            return True
        notice, view = claimed.notice, claimed.view
        if notice.attempts > MAX_ATTEMPTS:
            notices_log.error(
                "order {}: notice {} to {} given up after {} attempts",
                order_id,
                notice.kind,
                notice.recipient,
                MAX_ATTEMPTS,
            )
            await mark_failed(notice.id, "GAVE_UP")
            self._alert_given_up(notice)
            return None
        pause = await self._send(notice, view)
        if pause is not None:
            self._not_before[order_id] = anyio.current_time() + pause
            return False
        return None

    async def _send(self, notice: PendingNotice, view: OrderView | None) -> float | None:
        """Send one notice (`view`: its order, read just now; None: gone) and record its
        outcome; the pause before a retry when it is left pending."""
        try:
            sent = await self.notifier.deliver(notice, random_id_of(notice), view)
        except FloodWait as flood:
            seconds: int = flood.value if isinstance(flood.value, int) else 1
            self._left_pending(notice, f"FLOOD_WAIT_{seconds}")
            return float(max(seconds, 1))
        except (InternalServerError, ServiceUnavailable, OSError) as error:
            self._left_pending(notice, error_name(error))
            low, high = RETRY_PAUSE
            return min(high, low * 2.0 ** (notice.attempts - 1))
        except RPCError as error:
            await self._refused(notice, error_name(error))
            return None
        if sent:
            self._claimed[notice.order_id] = await mark_sent_and_claim_next(notice)
        else:
            await mark_failed(notice.id, "NOTHING_TO_SEND")
        return None

    async def _refused(self, notice: PendingNotice, name: str) -> None:
        if name in (DUPLICATE, NOT_MODIFIED):
            await mark_sent(notice.id, note=name)  # Telegram had it: a re-send
            return
        if name in BLOCKED_ERRORS:
            notices_log.info(
                "{} cannot be reached: the bot is blocked or the account deleted",
                notice.recipient,
            )
            await mark_bot_blocked(notice.recipient)
        else:
            notices_log.warning(
                "order {}: notice {} to {} refused: {}",
                notice.order_id,
                notice.kind,
                notice.recipient,
                name,
            )
        await mark_failed(notice.id, name)

    def _alert_given_up(self, notice: PendingNotice) -> None:
        if self.alerts is None:
            return
        alert = Alert(
            ORDER_PROCESSOR,
            f"Order #{notice.order_id}: the notice {notice.kind} to {notice.recipient} was "
            f"begun {MAX_ATTEMPTS} times and never finished; given up (see the log)",
            Severity.WARNING,
            key=f"order_notice:{notice.order_id}:gave_up",
            details={"order": str(notice.order_id), "notice": notice.kind},
        )
        try:
            self.alerts.send_nowait(alert)
        except anyio.WouldBlock:
            notices_log.warning("alerts inbox full; dropped {}", alert.key)

    @staticmethod
    def _left_pending(notice: PendingNotice, reason: str) -> None:
        notices_log.warning(
            "order {}: notice {} to {} not sent yet ({}): tried again later",
            notice.order_id,
            notice.kind,
            notice.recipient,
            reason,
        )
