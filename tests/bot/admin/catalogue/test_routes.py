"""Every route of the catalogue back office needs at least ADMIN, checked on the server."""

from __future__ import annotations

from bot.admin.catalogue import actions
from bot.admin.conversation import handle_answer
from bot.callbacks import Action
from bot.roles import Role
from bot.routes import build_router


def test_every_catalogue_button_and_answer_needs_an_admin() -> None:
    router = build_router()
    declared = {value.name for value in vars(actions).values() if isinstance(value, Action)}
    assert declared <= set(router.callbacks)
    assert all(router.callbacks[name].role >= Role.ADMIN for name in declared)
    [answers] = [route for route in router.messages if route.handler is handle_answer]
    assert answers.role >= Role.ADMIN
