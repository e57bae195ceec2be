"""Routes one update to its handler, checking the sender's role on the server.

Messages go to the first route whose Kurigram filter accepts them. A route that needs a
role checks it before any part of its filter that reads the database (`lookup`): the
superadmin's broadcast draft is never looked up for a shopper's text. A sender without
the role is refused openly ("not allowed") when the route's plain filter took the
message (a staff command), and passed over when only a lookup could have (a staff
conversation is not theirs). The role is worked out at most once per update. Callback queries
are decoded by the signed codec (`bot.callbacks`) and routed by action; data that does
not decode (forged, another user's, stale) or whose arguments do not fit the action's
declaration (a number out of range) gets a short answer and nothing runs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pyrogram.filters import Filter
from pyrogram.types import CallbackQuery, Message, Update

from bot.callbacks import Action, Callback
from bot.context import Request
from bot.roles import Role, role_of
from bot.route_filters import Check, compiled

MessageHandler = Callable[[Request, Message], Awaitable[None]]
CallbackHandler = Callable[[Request, CallbackQuery, Callback], Awaitable[None]]
OtherHandler = Callable[[Request, Any], Awaitable[None]]


@dataclass(frozen=True)
class MessageRoute:
    filter: Filter | None
    handler: MessageHandler
    role: Role
    lookup: Filter | None = None  # the part of the filter that reads the database
    #: `filter` and `lookup` as the router calls them (bot/route_filters.py).
    check: Check | None = field(init=False, repr=False, compare=False)
    lookup_check: Check | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, part in (("check", self.filter), ("lookup_check", self.lookup)):
            object.__setattr__(self, name, compiled(part) if part is not None else None)


@dataclass(frozen=True)
class CallbackRoute:
    action: Action
    handler: CallbackHandler
    role: Role


@dataclass
class Router:
    messages: list[MessageRoute] = field(default_factory=list)
    callbacks: dict[str, CallbackRoute] = field(default_factory=dict)
    others: dict[type, OtherHandler] = field(default_factory=dict)
    fallback: MessageHandler | None = None
    #: The least role every route registered through this router needs (see `for_role`).
    minimum_role: Role = Role.SHOPPER

    def for_role(self, role: Role) -> Router:
        """The same routing tables, with every route registered through the result needing
        at least `role`: a feature package sets its role once (`bot/admin/__init__.py`)."""
        return Router(self.messages, self.callbacks, self.others, self.fallback, role)

    def on_message(
        self,
        handler: MessageHandler,
        filter: Filter | None = None,
        role: Role = Role.SHOPPER,
        *,
        lookup: Filter | None = None,
    ) -> None:
        """`filter` is checked first, then the role, then `lookup` (what reads the
        database, so that it runs only for a sender with the role)."""
        route = MessageRoute(filter, handler, max(role, self.minimum_role), lookup)
        self.messages.append(route)

    def on_callback(
        self, action: Action, handler: CallbackHandler, role: Role = Role.SHOPPER
    ) -> None:
        if action.name in self.callbacks:
            raise ValueError(f"callback action {action.name!r} is routed twice")
        self.callbacks[action.name] = CallbackRoute(action, handler, max(role, self.minimum_role))

    def on_update(self, update_type: type, handler: OtherHandler) -> None:
        """Other update kinds (pre-checkout queries, ...), by type."""
        self.others[update_type] = handler

    async def dispatch(self, request: Request, update: Update) -> bool:
        """Runs the handler for `update`; False when nothing took it."""
        if isinstance(update, CallbackQuery):
            await self._dispatch_callback(request, update)
            return True
        if isinstance(update, Message):
            return await self._dispatch_message(request, update)
        handler = self.others.get(type(update))
        if handler is None:
            return False
        await handler(request, update)
        return True

    async def _dispatch_message(self, request: Request, message: Message) -> bool:
        roles = _Roles(request)
        for route in self.messages:
            if route.check is not None and not await route.check(request.client, message):
                continue
            if not await roles.has(route.role):
                if route.lookup is not None:
                    continue  # only a lookup could take it: not this sender's route
                await message.reply_text(request.t("not_allowed"))
                return True
            if route.lookup_check is not None and not await route.lookup_check(
                request.client, message
            ):
                continue
            await route.handler(request, message)
            return True
        if self.fallback is not None:
            await self.fallback(request, message)
            return True
        return False

    async def _dispatch_callback(self, request: Request, query: CallbackQuery) -> None:
        data = query.data if isinstance(query.data, str | bytes) else None
        callback = request.deps.callbacks.decode(request.user_id, data)
        route = self.callbacks.get(callback.action) if callback else None
        if callback is None or route is None or route.action.parse(callback.args) is None:
            await query.answer(request.t("stale_button"), show_alert=False)
            return
        if not await _Roles(request).has(route.role):
            await query.answer(request.t("not_allowed"), show_alert=True)
            return
        await route.handler(request, query, callback)


class _Roles:
    """The sender's role, worked out once per update and only as far as needed: a
    superadmin is known from the settings alone, an admin may take a query."""

    __slots__ = ("_request", "_role")

    def __init__(self, request: Request) -> None:
        self._request = request
        self._role: Role | None = None

    async def has(self, needed: Role) -> bool:
        if needed == Role.SHOPPER:
            return True
        settings, user_id = self._request.deps.settings, self._request.user_id
        if needed == Role.SUPERADMIN and self._role is None:
            return user_id in settings.superadmin_ids
        if self._role is None:
            self._role = await role_of(settings, user_id)
        return self._role >= needed
