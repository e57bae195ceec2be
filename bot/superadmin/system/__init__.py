"""System for superadmins: the process at a glance (uptime, version, actors, database,
Redis, pool, memory, recent flood waits), Refresh, and Send test alert.

Every figure comes from `BotDeps.status` (read-only, made on the actors side); the test
alert is only queued on `BotDeps.alerts`: the alert dispatcher sends it to every
superadmin.
"""

from __future__ import annotations

from bot.router import Router
from bot.superadmin.system import screen
from bot.superadmin.system.actions import MENU

__all__ = ["MENU", "register"]


def register(router: Router) -> None:
    screen.register(router)
