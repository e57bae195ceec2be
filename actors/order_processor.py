"""order_processor: the only writer of orders and stock.

Its messages are handled one at a time, in arrival order, so every write to orders and
stock is serialised here (and each is one guarded transaction besides). What people
must be told is sent by notice tasks while the loop goes on: at most
`concurrent_notices` at once, and the notices of one order in the order they were
made, so a customer never reads "shipped" before "confirmed".

Persist first: a checkout is stored with the step `placing` before `PlaceOrder` is
sent, a payment is stored before `PaymentReceived` is sent, and an order is marked
announced only once its notices went out. At every start the processor announces the
orders that were not, places the checkouts still waiting, takes the payments not yet
processed, and releases unpaid orders whose time ran out; then a timer asks it to release them
again every `sweep_every` seconds.

A database outage is waited out, not crashed on: the catch-up, each message and each
notice run through `DatabaseWatch.retry` (transient errors retried with backoff for as
long as the outage lasts; other errors still raise).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial

import anyio
from anyio.abc import TaskGroup
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from pyrogram import Client

from actors.actor_context import ActorContext
from actors.messages import PaymentReceived, PlaceOrder, ReleaseUnpaidOrders, SetOrderStatus
from actors.names import ORDER_PROCESSOR
from actors.order_changes import Notice, release_unpaid, set_by_admin, take_payment
from actors.order_notifier import OrderNotifier
from actors.order_placement import Placed, Refused, place
from actors.user_lanes import UserLanes
from bot.callbacks import CallbackCodec
from config import Settings
from models.checkout import checkouts_placing
from models.orders import mark_announced, unannounced_orders
from models.payments import mark_processed, unprocessed_payments
from runtime.db_watch import DatabaseWatch

orders_log = logger.bind(actor=ORDER_PROCESSOR)

#: Bounds of the timer that releases unpaid orders: a quarter of the payment timeout,
#: but at least this often and at most this rarely (seconds).
SWEEP_BOUNDS = (0.05, 60.0)


def sweep_interval(settings: Settings) -> float:
    low, high = SWEEP_BOUNDS
    return min(high, max(low, settings.order_payment_timeout * 60 / 4))


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
    concurrent_notices: int = 16
    database: DatabaseWatch | None = None  # waits out database outages when given

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(ORDER_PROCESSOR)
        myself = ctx.outbox(ORDER_PROCESSOR)
        self._notifier = OrderNotifier(self.client, self.settings, self.codec)
        self._announcing: set[int] = set()
        async with anyio.create_task_group() as notice_tasks:
            self._notices = Notices(notice_tasks, anyio.Semaphore(self.concurrent_notices))
            self._notices.runner = self._retrying
            async with anyio.create_task_group() as timer:
                ctx.ready()
                await self._retrying(self._catch_up)
                timer.start_soon(self._tick, myself)
                async for message in ctx.messages(inbox):
                    await self._retrying(partial(self._handle, message))
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
        for checkout in await checkouts_placing():
            await self._place(checkout.key)
        for receipt in await unprocessed_payments():
            await self._take_payment(PaymentReceived(**vars(receipt)))
        await self._release_unpaid()

    async def _tick(self, myself: MemoryObjectSendStream[ReleaseUnpaidOrders]) -> None:
        interval = self.sweep_every or sweep_interval(self.settings)
        while True:
            await anyio.sleep(interval)
            try:
                myself.send_nowait(ReleaseUnpaidOrders())
            except anyio.WouldBlock:
                orders_log.debug("inbox full: the unpaid orders wait for the next tick")

    async def _handle(self, message: object) -> None:
        if isinstance(message, PlaceOrder):
            await self._place(message.checkout_key)
        elif isinstance(message, SetOrderStatus):
            notice = await set_by_admin(message, self.settings, self._notifier)
            if notice is not None:
                await self._notices.about_order(message.order_id, notice)
        elif isinstance(message, PaymentReceived):
            await self._take_payment(message)
        elif isinstance(message, ReleaseUnpaidOrders):
            await self._release_unpaid()
        else:
            orders_log.warning("unexpected message {}", type(message).__name__)

    async def _take_payment(self, payment: PaymentReceived) -> None:
        notice = await take_payment(payment, self._notifier)
        await mark_processed(payment.charge_id)
        if notice is not None:
            await self._notices.about_order(payment.order_id, notice)

    async def _place(self, checkout_key: str) -> None:
        placement = await place(checkout_key, self.settings)
        if isinstance(placement, Placed) and not placement.announced:
            await self._announce(placement.order_id)
        elif isinstance(placement, Refused):
            notice = partial(
                self._notifier.order_refused,
                placement.telegram_id,
                placement.reason,
                placement.item,
            )
            await self._notices.to_shopper(placement.telegram_id, notice)

    async def _announce(self, order_id: int) -> None:
        if order_id in self._announcing:
            return  # a duplicate PlaceOrder while its notices are going out

        async def announce() -> None:
            try:
                await self._notifier.order_placed(order_id)
                await mark_announced(order_id)
            finally:
                self._announcing.discard(order_id)

        self._announcing.add(order_id)
        await self._notices.about_order(order_id, announce)

    async def _release_unpaid(self) -> None:
        for order_id, notice in await release_unpaid(self._notifier):
            await self._notices.about_order(order_id, notice)
