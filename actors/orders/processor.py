"""order_processor: the only writer of orders and stock.

It also applies catalogue imports (`ImportCatalogue`, `actors.orders.catalogue_import`),
since a CSV file sets stock: one transaction between two orders, answered on the
command's reply stream.

Its messages are handled one at a time, in arrival order, so every write to orders and
stock is serialised here (and each is one guarded transaction besides). The one
exception is a run of `PlaceOrder`s: those waiting in the inbox one behind the other
(up to `batch_size`) are placed together in one transaction
(`actors.orders.batch_placement`), batch after batch while more arrive meanwhile (a run:
the admins' cards and the stock watch wait for its end, so the customers of the later
batches are not kept waiting by them), and a message of another kind behind them is
handled right after, in its turn; the batches are counted (`order_batches`,
`orders_in_batches` at the metrics collector). What people must be told about an
order is written to the notice ledger in the same transaction as the change, and sent
by the `NoticeSender` while the loop goes on: at most `concurrent_notices` at once, the
notices of one order in the order they were made, so a customer never reads "shipped"
before "confirmed", and each exactly once (`actors.orders.notice_sender`). Replies
that change nothing go out as notice tasks.

Persist first: a checkout is stored with the step `placing` before `PlaceOrder` is
sent, a payment is stored before `PaymentReceived` is sent, and an order's notices are
rows before anything sends them. At every start the processor sends the notices still
pending, announces the orders placed before the ledger existed, places the checkouts
still waiting, takes the payments not yet processed, and releases unpaid orders whose
time ran out; then a timer asks it to release them again every `sweep_every` seconds,
another to place the checkouts waiting every `placing_scan_every` seconds (the stored
checkout is the request, whatever became of the `PlaceOrder` that announced it), and
the ledger is swept for pending notices every `notice_sweep_every` seconds. After every
committed stock change (an order placed, or cancelled and its stock returned) the stock
watch edits channel posts and marks back-in-stock waits due (`actors.orders.stock_watch`). An order
the database refuses is failed on its own (`actors.orders.failures`): the shopper is
told, the admins alerted, the loop goes on.

Admins' stock changes (`AdjustStock`) are applied here too, in their turn, and their
result (each variant's stock before and after) is sent back to the handler that asked
(`actors.orders.stock`).

A database outage is waited out, not crashed on: the catch-up, each message and each
notice run through `DatabaseWatch.retry` (transient errors retried with backoff for as
long as the outage lasts; other errors still raise).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectReceiveStream, MemoryObjectSendStream
from loguru import logger
from pyrogram import Client

from actors.actor_context import ActorContext
from actors.messages import (
    AdjustStock,
    ImportCatalogue,
    MetricEvent,
    PaymentReceived,
    PlaceOrder,
    PlaceWaitingOrders,
    ReleaseUnpaidOrders,
    SendStockNotices,
    SetOrderStatus,
)
from actors.names import ALERT_DISPATCHER, BROADCAST_SENDER, METRICS_COLLECTOR, ORDER_PROCESSOR
from actors.orders.batch_placement import BATCH_SIZE, place_batch, take_batch, waiting_message
from actors.orders.catalogue_import import import_catalogue
from actors.orders.changes import (
    Notice,
    Outcome,
    Queued,
    release_unpaid,
    set_by_admin,
    take_payment,
)
from actors.orders.failures import PlacementFailures
from actors.orders.notice_sender import NoticeSender
from actors.orders.notices import queue_placed
from actors.orders.notifier import OrderNotifier
from actors.orders.placement import Failed, Placed, Placement, Refused
from actors.orders.stock import adjust_stock
from actors.orders.stock_watch import (
    StockChange,
    StockWatch,
    catch_up,
    order_changes,
    orders_changes,
    stock_changed,
)
from actors.updates.user_lanes import UserLanes
from bot.callbacks import CallbackCodec
from config import Settings
from models.catalogue_upsert import ImportResult
from models.checkout import checkouts_placing
from models.clock import utcnow
from models.orders import CANCELLED, unannounced_orders
from models.payments import unprocessed_payments
from runtime.db_watch import DatabaseWatch

orders_log = logger.bind(actor=ORDER_PROCESSOR)

#: Bounds of the timer that releases unpaid orders: a quarter of the payment timeout,
#: but at least this often and at most this rarely (seconds).
SWEEP_BOUNDS = (0.05, 60.0)


def sweep_interval(settings: Settings) -> float:
    low, high = SWEEP_BOUNDS
    return min(high, max(low, settings.order_payment_timeout * 60 / 4))


def _wake_stock_notices(broadcasts: MemoryObjectSendStream[SendStockNotices]) -> None:
    """Tell the broadcast sender that back-in-stock waits are due (they are rows: when its
    inbox is full, its next sweep finds them)."""
    try:
        broadcasts.send_nowait(SendStockNotices())
    except anyio.WouldBlock:
        orders_log.debug("broadcast inbox full: due stock waits go with its next sweep")


@dataclass
class Notices:
    """Notice tasks: bounded in number; those about one order (or, before there is an
    order, about one shopper) run one after the other, in the order they were made."""

    tasks: TaskGroup
    slots: anyio.Semaphore
    orders: UserLanes = field(default_factory=UserLanes)  # keyed by order id
    shoppers: UserLanes = field(default_factory=UserLanes)  # keyed by Telegram id
    runner: Callable[[Notice], Awaitable[None]] | None = None  # e.g. retrying; else plain

    async def about_order(self, order_id: int, notice: Notice) -> None:
        await self._spawn(self.orders, order_id, notice)

    async def to_shopper(self, telegram_id: int, notice: Notice) -> None:
        await self._spawn(self.shoppers, telegram_id, notice)

    async def _spawn(self, lanes: UserLanes, key: int, notice: Notice) -> None:
        await self.slots.acquire()
        self.tasks.start_soon(self._run, lanes, key, notice)

    async def _run(self, lanes: UserLanes, key: int, notice: Notice) -> None:
        try:
            async with lanes.lane(key):
                await (notice() if self.runner is None else self.runner(notice))
        finally:
            self.slots.release()


@dataclass
class OrderProcessor:
    client: Client
    settings: Settings
    codec: CallbackCodec
    sweep_every: float | None = None  # seconds; by default from ORDER_PAYMENT_TIMEOUT
    placing_scan_every: float = 1.0  # seconds between looks for checkouts waiting
    #: A checkout confirmed this recently is left to its own `PlaceOrder` by the scan,
    #: so the order's notice does not overtake the "Placing…" shown at confirmation.
    placing_grace: float = 2.0
    concurrent_notices: int = 16
    notice_sweep_every: float = 2.0  # seconds between looks for pending notices
    database: DatabaseWatch | None = None  # waits out database outages when given
    batch_size: int = BATCH_SIZE  # most PlaceOrders placed in one transaction

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(ORDER_PROCESSOR)
        myself = ctx.outbox(ORDER_PROCESSOR)
        self._metrics = ctx.outbox(METRICS_COLLECTOR)
        self._notifier = OrderNotifier(self.client, self.settings, self.codec)
        alerts = ctx.outbox(ALERT_DISPATCHER)
        self._failures = PlacementFailures(self.client, self.codec, alerts)
        self._stock = StockWatch(
            self.client, self.settings, partial(_wake_stock_notices, ctx.outbox(BROADCAST_SENDER))
        )
        async with anyio.create_task_group() as notice_tasks:
            self._notices = Notices(notice_tasks, anyio.Semaphore(self.concurrent_notices))
            self._ledger = NoticeSender(
                self._notifier,
                notice_tasks,
                anyio.Semaphore(self.concurrent_notices),
                ctx.outbox(ALERT_DISPATCHER),
            )
            self._notices.runner = self._retrying
            async with anyio.create_task_group() as timer:
                ctx.ready()
                await self._retrying(self._catch_up)
                timer.start_soon(self._tick, myself)
                timer.start_soon(self._scan_placing, myself)
                timer.start_soon(self._ledger.sweep_every, self.notice_sweep_every)
                async for message in ctx.messages(inbox):
                    following: object | None = message
                    if isinstance(message, PlaceOrder):
                        following = await self._place_run(message, inbox)
                    if following is not None:
                        await self._retrying(partial(self._handle, following))
                timer.cancel_scope.cancel()
            # Leaving the outer group waits for the notices still going out.

    async def _retrying(self, work: Callable[[], Awaitable[None]]) -> None:
        if self.database is None:
            await work()
        else:
            await self.database.retry(work, who=ORDER_PROCESSOR)

    async def _catch_up(self) -> None:
        for order_id in await unannounced_orders():
            await self._announce(order_id)
        await self._ledger.sweep()  # what earlier runs left pending
        await self._place_waiting()
        for receipt in await unprocessed_payments():
            await self._take_payment(PaymentReceived(**vars(receipt)))
        await self._release_unpaid()
        await catch_up(self._stock)

    async def _stock_after(self, order_id: int, *, returned: bool) -> None:
        """Channel posts and back-in-stock waits after an order took or returned stock."""
        await stock_changed(self._stock, await order_changes(order_id, returned=returned))

    async def _tick(self, myself: MemoryObjectSendStream[ReleaseUnpaidOrders]) -> None:
        interval = self.sweep_every or sweep_interval(self.settings)
        while True:
            await anyio.sleep(interval)
            try:
                myself.send_nowait(ReleaseUnpaidOrders())
            except anyio.WouldBlock:
                orders_log.debug("inbox full: the unpaid orders wait for the next tick")

    async def _scan_placing(self, myself: MemoryObjectSendStream[PlaceWaitingOrders]) -> None:
        while True:
            await anyio.sleep(self.placing_scan_every)
            try:
                myself.send_nowait(PlaceWaitingOrders())
            except anyio.WouldBlock:
                orders_log.debug("inbox full: waiting checkouts wait for the next scan")

    async def _place_waiting(self, grace: float = 0.0) -> None:
        confirmed_before = utcnow() - timedelta(seconds=grace) if grace else None
        keys = [checkout.key for checkout in await checkouts_placing(confirmed_before)]
        fresh: list[int] = []
        for start in range(0, len(keys), self.batch_size):
            fresh += await self._place_keys(keys[start : start + self.batch_size])
        if fresh:
            await self._watch_placed(fresh)

    async def _handle(self, message: object) -> None:
        """Any message but `PlaceOrder` (those are placed in runs: `_place_run`)."""
        if isinstance(message, SetOrderStatus):
            outcome = await set_by_admin(message, self.settings, self._notifier)
            await self._follow(message.order_id, outcome)
            if message.status == CANCELLED and isinstance(outcome, Queued):
                await self._stock_after(message.order_id, returned=True)
        elif isinstance(message, PaymentReceived):
            await self._take_payment(message)
        elif isinstance(message, ReleaseUnpaidOrders):
            await self._release_unpaid()
            # Also what a retried message may have skipped (its stock change was
            # committed, the watch's work was not): cheap when there is nothing to do.
            await catch_up(self._stock)
        elif isinstance(message, PlaceWaitingOrders):
            await self._place_waiting(self.placing_grace)
        elif isinstance(message, AdjustStock):
            result = await adjust_stock(message, self.settings)
            await stock_changed(
                self._stock, [StockChange(v.variant_id, v.before, v.after) for v in result.changed]
            )
        elif isinstance(message, ImportCatalogue):
            imported = await import_catalogue(message)
            if isinstance(imported, ImportResult):
                # Only crossing zero matters to the watch (notices, channel posts).
                await stock_changed(
                    self._stock,
                    [StockChange(v, 0, 1) for v in imported.restocked]
                    + [StockChange(v, 1, 0) for v in imported.sold_out],
                )
        else:
            orders_log.warning("unexpected message {}", type(message).__name__)

    async def _follow(self, order_id: int, outcome: Outcome) -> None:
        if isinstance(outcome, Queued):
            self._ledger.kick(outcome.order_id)
        elif outcome is not None:
            await self._notices.about_order(order_id, outcome)

    async def _take_payment(self, payment: PaymentReceived) -> None:
        await self._follow(payment.order_id, await take_payment(payment, self.settings))

    async def _place_run(
        self, first: PlaceOrder, inbox: MemoryObjectReceiveStream[object]
    ) -> object | None:
        """Place `first` and the `PlaceOrder`s waiting behind it, batch after batch, until
        none is waiting; the message of another kind that ended the run is returned, to
        be handled next.

        In a burst the next batch is waiting by the time one is placed, and what only
        follows from a placement waits for the run to end, so the orders still waiting
        are not slowed by it: the admins' cards (the customers' "placed" notices go out
        meanwhile, see `NoticeSender.customers_first`) and the stock watch, once for the
        whole run. A stock watch lost to a crash is made up by the watch's catch-up.
        """
        fresh: list[int] = []
        following: object | None = first
        with self._ledger.customers_first():
            while isinstance(following, PlaceOrder):
                batch, following = take_batch(following, inbox, self.batch_size)
                await self._retrying(partial(self._place_batch, batch, fresh))
                if following is None:
                    following = waiting_message(inbox)
        if fresh:
            await self._retrying(partial(self._watch_placed, fresh))
        return following

    async def _place_batch(self, batch: list[PlaceOrder], fresh: list[int]) -> None:
        fresh += await self._place_keys([message.checkout_key for message in batch])

    async def _watch_placed(self, fresh: list[int]) -> None:
        """One look at the stock for orders placed together (committed before)."""
        ids = list(dict.fromkeys(fresh))
        await stock_changed(self._stock, await orders_changes(ids, returned=False))

    async def _place_keys(self, keys: list[str]) -> list[int]:
        """Place these checkouts' orders in one transaction (see `batch_placement`); the
        ids of the orders placed now, whose stock the caller has the watch look at."""
        distinct = list(dict.fromkeys(keys))
        placements = list((await place_batch(distinct, self.settings)).values())
        self._count("order_batches")
        self._count("orders_in_batches", len(distinct))
        fresh = []
        placed = []
        for placement in placements:
            await self._after_placement(placement)
            if isinstance(placement, Placed):
                placed.append(placement.order_id)
                if placement.fresh:
                    fresh.append(placement.order_id)
        self._ledger.kick_all(placed)
        return fresh

    def _count(self, name: str, amount: int = 1) -> None:
        try:
            self._metrics.send_nowait(MetricEvent(name, amount))
        except anyio.WouldBlock:
            orders_log.debug("metrics inbox full: {} not counted", name)

    async def _after_placement(self, placement: Placement) -> None:
        """What follows one placement of a batch: the notices of an order placed before
        they were written with it are written (the caller starts the sender and the stock
        watch for the whole batch), a refusal or a failure is told to the shopper."""
        if isinstance(placement, Placed):
            if not placement.announced:
                await queue_placed(placement.order_id, self.settings)
        elif isinstance(placement, Refused):
            notice = partial(
                self._notifier.order_refused,
                placement.telegram_id,
                placement.reason,
                placement.item,
            )
            await self._notices.to_shopper(placement.telegram_id, notice)
        elif isinstance(placement, Failed):
            self._failures.alert(placement)
            tell = partial(self._failures.tell_shopper, placement)
            await self._notices.to_shopper(placement.telegram_id, tell)

    async def _announce(self, order_id: int) -> None:
        """The notices of an order placed before they were written with it (an older
        version's order): written now, once."""
        await queue_placed(order_id, self.settings)
        self._ledger.kick(order_id)

    async def _release_unpaid(self) -> None:
        for released in await release_unpaid(self.settings):
            self._ledger.kick(released.order_id)
            await self._stock_after(released.order_id, returned=True)
