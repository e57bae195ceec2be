"""broadcast_sender: the only sender of broadcasts, paced by one aiolimiter limiter.

`AsyncLimiter(1, 1 / rate)` is the form that never lets more than `rate` sends
through in any rolling second (STACK_NOTES: `AsyncLimiter(rate, 1)` lets twice
that through at the start). The broadcasts issue fills in the sending itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiolimiter import AsyncLimiter
from loguru import logger

from actors.names import BROADCAST_SENDER
from actors.supervisor import ActorContext


def smooth_limiter(rate: float) -> AsyncLimiter:
    return AsyncLimiter(1, 1 / rate)


@dataclass
class BroadcastSender:
    rate: float

    async def run(self, ctx: ActorContext) -> None:
        inbox = ctx.inbox(BROADCAST_SENDER)
        self.limiter = smooth_limiter(self.rate)
        ctx.ready()
        async for message in ctx.messages(inbox):
            logger.bind(actor=BROADCAST_SENDER).warning(
                "no handler yet for {}", type(message).__name__
            )
