"""order_processor: the only writer of orders and stock.

The storefront issue fills in `PlaceOrder` and `SetOrderStatus`; until then the
loop receives and logs what arrives, so the wiring and supervision are real.
"""

from __future__ import annotations

from dataclasses import dataclass

from loguru import logger

from actors.names import ORDER_PROCESSOR
from actors.supervisor import ActorContext


@dataclass
class OrderProcessor:
    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(ORDER_PROCESSOR)
        ctx.ready()
        async for message in ctx.messages(inbox):
            logger.bind(actor=ORDER_PROCESSOR).warning(
                "no handler yet for {}", type(message).__name__
            )
