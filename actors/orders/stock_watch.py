"""What follows a committed stock change: channel posts and back-in-stock notices.

The order processor (the only writer of stock) calls `stock_changed` after ANY committed
change with each variant's stock before and after: an order placed (stock taken), an
order cancelled by an admin or by the payment timeout (stock returned), and, wired by
their modules, an admin's adjustment and a CSV import. Because nothing else writes
stock, `order_changes` may read "after" from the database right after the commit.

* A variant that went from 0 to more: its waits are marked due (`models.stock_waits`;
  persist first: the mark is a row before anything is sent) and the broadcast sender is
  told to send them (`notify`), through its throttle, each once.
* A product with a variant that crossed 0 either way: its channel post, if any, is
  edited to show the sizes in stock, "sold out" without the Buy button, or the button
  back (`bot.admin.channel.posts.sync_post`).

`catch_up` (at every start of the processor, and with its timer that releases unpaid
orders) covers a crash, or a retried message, between a stock commit and the above:
waits on variants in stock not yet marked are marked, and every post whose state is out
of date is edited. A channel that refuses the bot, or Telegram failing, is logged and
left for the next change or catch-up: it never stops the order processor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from loguru import logger
from pyrogram import Client
from pyrogram.errors.rpc_error import RPCError

from actors.names import ORDER_PROCESSOR
from bot.admin.channel.posts import ChannelRefused, sync_post
from config import Settings
from models.channel_posts import ChannelPost, list_posts, products_of_variants
from models.orders import ordered_stock
from models.stock_waits import mark_due, mark_due_in_stock

watch_log = logger.bind(actor=ORDER_PROCESSOR)


@dataclass(frozen=True, slots=True)
class StockChange:
    """A variant's stock around one committed change."""

    variant_id: int
    before: int
    after: int

    @property
    def came_back(self) -> bool:
        return self.before <= 0 < self.after

    @property
    def crossed_zero(self) -> bool:
        return (self.before <= 0) != (self.after <= 0)


@dataclass(frozen=True)
class StockWatch:
    """What the watch needs: the client and settings (for channel posts) and a way to
    tell the broadcast sender that waits are due (must not block)."""

    client: Client
    settings: Settings
    notify: Callable[[], None]


async def stock_changed(watch: StockWatch, changes: Sequence[StockChange]) -> None:
    """React to committed stock `changes` (see the module docstring)."""
    came_back = sorted({change.variant_id for change in changes if change.came_back})
    if came_back and await mark_due(came_back):
        watch.notify()
    crossed = sorted({change.variant_id for change in changes if change.crossed_zero})
    products = await products_of_variants(crossed)
    for post in await list_posts(products):
        await _sync(watch, post, refresh=True)


async def catch_up(watch: StockWatch) -> None:
    """At start: what a crash may have left between a stock change and its effects."""
    if await mark_due_in_stock():
        watch.notify()
    for post in await list_posts():
        await _sync(watch, post, refresh=False)


async def _sync(watch: StockWatch, post: ChannelPost, *, refresh: bool) -> None:
    try:
        await sync_post(watch.client, watch.settings, post, refresh=refresh)
    except ChannelRefused as refused:
        watch_log.error(
            "the channel refused to update the post of product {}: {}",
            post.product_id,
            refused.reason,
        )
    except (RPCError, OSError) as error:
        watch_log.opt(exception=error).error(
            "the post of product {} could not be updated; the next change or start retries",
            post.product_id,
        )


async def order_changes(order_id: int, *, returned: bool) -> list[StockChange]:
    """The stock changes an order just made: its items taken (`returned=False`, it was
    placed) or put back (`returned=True`, it was cancelled). Variants deleted since are
    left out. Call it right after the change's commit, in the order processor."""
    return await orders_changes([order_id], returned=returned)


async def orders_changes(order_ids: Sequence[int], *, returned: bool) -> list[StockChange]:
    """`order_changes` of orders committed together (a batch placed in one transaction):
    each variant once, its stock before and after the whole batch."""
    return [
        StockChange(
            held.variant_id,
            held.stock - held.quantity if returned else held.stock + held.quantity,
            held.stock,
        )
        for held in await ordered_stock(order_ids)
    ]
