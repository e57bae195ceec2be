"""What a handler gets: the shop's dependencies and the sender of this update.

`bot/` knows nothing of the supervisor: the actors' inboxes arrive as `Outbox`es,
anything with an async `send` (an anyio memory stream is one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from pyrogram import Client

from bot.callbacks import Action, CallbackCodec, Value
from bot.language import Language
from bot.system_status import SystemStatus
from bot.texts import text
from config import Settings
from models.user_statuses import UserStatusCache
from runtime.alerts import AlertChannel
from runtime.cache import Cache


class Outbox(Protocol):
    async def send(self, item: Any, /) -> None: ...


@dataclass(frozen=True)
class BotDeps:
    client: Client
    settings: Settings
    callbacks: CallbackCodec
    cache: Cache
    orders: Outbox  # the order processor's inbox
    broadcasts: Outbox  # the broadcast sender's inbox
    alerts: AlertChannel = field(
        default_factory=lambda: AlertChannel(None)
    )  # raise an alert: enqueue only, never blocks
    status: SystemStatus | None = None  # the process's status, read-only (System screen)
    #: Each user's ban and language, cached in process; writers forget what they change.
    statuses: UserStatusCache = field(default_factory=UserStatusCache)


@dataclass(frozen=True)
class Request:
    """One update being handled: who sent it, in which language they read."""

    deps: BotDeps
    user_id: int
    language: Language
    #: The sender's row was written from this update's profile (names, access hash)
    #: before the handler ran: `/start` need not write it again.
    profile_saved: bool = False

    def t(self, key: str, **values: object) -> str:
        return text(key, self.language, **values)

    def button(self, action: Action, *args: Value) -> str:
        """Callback data for a button this user may press."""
        return self.deps.callbacks.encode(self.user_id, action, *args)

    @property
    def client(self) -> Client:
        return self.deps.client
