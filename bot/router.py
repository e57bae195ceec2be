"""Routes one Telegram update to the first bot handler whose filter accepts it.

Kurigram's own filters are reused (they are plain awaitables over `(client, update)`);
the routing itself is ours so that the update reader actor owns the update stream.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pyrogram import Client
from pyrogram.filters import Filter
from pyrogram.types import Update

Handler = Callable[[Client, Any], Awaitable[None]]


@dataclass(frozen=True)
class Route:
    update_type: type
    filter: Filter | None
    handler: Handler


@dataclass
class Router:
    routes: list[Route] = field(default_factory=list)

    def add(self, update_type: type, handler: Handler, filter: Filter | None = None) -> None:
        self.routes.append(Route(update_type, filter, handler))

    async def dispatch(self, client: Client, update: Update) -> bool:
        """Runs the first matching handler; False when none matched."""
        for route in self.routes:
            if not isinstance(update, route.update_type):
                continue
            if route.filter is not None and not await route.filter(client, update):
                continue
            await route.handler(client, update)
            return True
        return False
