"""Placing the orders of many checkouts at once: the batch form of `placement.place`.

The order processor hands over every `PlaceOrder` that was waiting in its inbox
(`take_batch`), and `place_batch` places them in one transaction
(`models.order_batches.place_orders`): one read of the checkouts, one lock of the
variants, one stock update, one insert each of orders, items and notices, one delete of
the checkouts, whatever the batch's size. Each key gets what `place` would give it:

* an order placed now (`Placed`, fresh, its notices in the ledger with it, so the rule
  "once on the wire" is unchanged: the `NoticeSender` sends them with their random_id);
* the order placed before for that key (a duplicate message, the same key twice in a
  batch, or across batches): `Placed`, not fresh;
* `Refused` with the same text key and item name as `place` (sold out, unavailable,
  nothing to order): its checkout is deleted in the same transaction;
* None: nothing (left) to do for the key.

If the batch cannot be written as a whole (the database refuses one order's data, or
the stock update finds rows it did not expect: `BatchConflict`), the transaction rolls
back and every key is placed on its own by `place`, which fails only the bad request
(rule 3: no single message crash-loops the actor). Other errors (a lost connection)
propagate, to be retried by the processor's `DatabaseWatch` with the whole batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import anyio
from anyio.streams.memory import MemoryObjectReceiveStream
from loguru import logger

from actors.messages import PlaceOrder
from actors.names import ORDER_PROCESSOR
from actors.orders.notices import queue_placed_batch
from actors.orders.placement import (
    Placed,
    Placement,
    Refused,
    chosen_lines,
    delivery_details,
    place,
)
from bot.shop.card import variant_label
from config import Settings
from models.catalogue import InsufficientStock
from models.checkout import PLACING, delete_checkouts, get_checkouts_by_keys
from models.clock import utcnow
from models.order_batches import (
    BatchConflict,
    BatchPlaced,
    BatchRefused,
    OrderRequest,
    orders_for_checkouts,
    place_orders,
)
from models.order_notices import OrderParties
from models.order_statuses import ON_DELIVERY, ONLINE
from models.orders import ItemUnavailable, Order
from runtime.database import atomic
from runtime.db_refusals import REFUSED_DATA, refusal_reason

orders_log = logger.bind(actor=ORDER_PROCESSOR)

#: Most `PlaceOrder`s placed in one transaction.
BATCH_SIZE = 100

#: What makes a batch fall back to placing its orders one by one.
WHOLE_BATCH_REFUSED: tuple[type[Exception], ...] = (BatchConflict, *REFUSED_DATA)


def take_batch(
    first: PlaceOrder, inbox: MemoryObjectReceiveStream[object], limit: int = BATCH_SIZE
) -> tuple[list[PlaceOrder], object | None]:
    """`first` and the `PlaceOrder`s waiting right behind it in `inbox`, at most `limit`,
    without waiting; and the message of another kind that ended the batch (taken from
    the inbox, to handle next), or None."""
    batch = [first]
    while len(batch) < limit:
        message = waiting_message(inbox)
        if message is None:
            return batch, None
        if not isinstance(message, PlaceOrder):
            return batch, message
        batch.append(message)
    return batch, None


def waiting_message(inbox: MemoryObjectReceiveStream[object]) -> object | None:
    """The next message already in `inbox`, without waiting; None when there is none."""
    try:
        return inbox.receive_nowait()
    except (anyio.WouldBlock, anyio.EndOfStream, anyio.ClosedResourceError):
        return None


def _refused(telegram_id: int, outcome: BatchRefused) -> Refused:
    item = "—"
    if outcome.item is not None:
        item = f"{outcome.item.title}, {variant_label(outcome.item.size, outcome.item.colour)}"
    if isinstance(outcome.error, InsufficientStock):
        return Refused(telegram_id, "orders.sold_out", item)
    if isinstance(outcome.error, ItemUnavailable):
        return Refused(telegram_id, "orders.unavailable", item)
    return Refused(telegram_id, "orders.nothing_to_order")


async def _place_together(keys: list[str], settings: Settings) -> dict[str, Placement]:
    online = settings.takes_online_payments
    method = ONLINE if online else ON_DELIVERY
    results: dict[str, Placement] = {}
    async with atomic(Order._meta.db):
        checkouts = await get_checkouts_by_keys(keys)
        waiting = [checkouts[k] for k in keys if k in checkouts and checkouts[k].step == PLACING]
        due = utcnow() + timedelta(minutes=settings.order_payment_timeout)
        requests = [
            OrderRequest(
                checkout.key,
                checkout.telegram_id,
                delivery_details(checkout),
                chosen_lines(checkout),
                currency=settings.currency,
                payment_method=method,
                payment_due_at=due,
            )
            for checkout in waiting
        ]
        outcomes = await place_orders(requests, announced_at=utcnow())
        fresh: dict[int, OrderParties] = {}
        for checkout, outcome in zip(waiting, outcomes, strict=True):
            if isinstance(outcome, BatchRefused):
                results[checkout.key] = _refused(checkout.telegram_id, outcome)
                continue
            if outcome.fresh:
                fresh[outcome.order_id] = OrderParties(checkout.telegram_id, method)
            results[checkout.key] = Placed(outcome.order_id, outcome.announced, outcome.fresh)
        await queue_placed_batch(fresh, settings)
        await delete_checkouts([checkout.key for checkout in waiting])
    others = [key for key in keys if key not in results]
    before: dict[str, BatchPlaced] = await orders_for_checkouts(others) if others else {}
    for key in others:
        found = before.get(key)
        results[key] = None if found is None else Placed(found.order_id, found.announced)
    return results


async def place_batch(keys: Sequence[str], settings: Settings) -> dict[str, Placement]:
    """What became of each distinct key of `keys` (in the order first given)."""
    distinct = list(dict.fromkeys(keys))
    try:
        results = await _place_together(distinct, settings)
    except WHOLE_BATCH_REFUSED as error:
        orders_log.warning(
            "batch of {} orders refused as a whole ({}): placing one by one",
            len(distinct),
            refusal_reason(error),
        )
        return {key: await place(key, settings) for key in distinct}
    placed = sum(isinstance(result, Placed) and result.fresh for result in results.values())
    refused = sum(isinstance(result, Refused) for result in results.values())
    orders_log.info("batch of {}: {} orders placed, {} refused", len(distinct), placed, refused)
    return results
