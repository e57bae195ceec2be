"""Request/reply with an actor: the handler sends a command that carries a one-slot
reply stream and awaits the answer, for at most `seconds`.

The actor sends the result with `send_nowait` and ignores a handler that gave up
(closed stream). None means no answer in time (the actor restarting, the database
down): the handler says "try again", and the command may still be applied later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from anyio.streams.memory import MemoryObjectSendStream

from bot.context import Outbox

REPLY_TIMEOUT = 10.0

T = TypeVar("T")


async def ask(
    outbox: Outbox,
    command: Callable[[MemoryObjectSendStream[T]], Any],
    seconds: float = REPLY_TIMEOUT,
) -> T | None:
    """Send `command(reply)` to `outbox` and wait for what comes back on `reply`."""
    send, receive = anyio.create_memory_object_stream[T](1)
    with receive:
        with anyio.move_on_after(seconds):
            await outbox.send(command(send))
            return await receive.receive()
    return None
