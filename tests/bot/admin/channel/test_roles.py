"""Every Channel button is routed for admins only: the role is checked on the server."""

from bot.admin.channel import actions
from bot.callbacks import Action
from bot.roles import Role
from bot.routes import build_router


def test_every_channel_action_needs_an_admin() -> None:
    declared = [value for value in vars(actions).values() if isinstance(value, Action)]
    routes = build_router().callbacks
    assert len(declared) == 4
    assert all(routes[action.name].role >= Role.ADMIN for action in declared)
