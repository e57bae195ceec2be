"""The superadmins' panel (`/superadmin`) and its sections; every route here needs
SUPERADMIN, checked on the server."""

from bot.roles import Role
from bot.router import Router
from bot.superadmin import broadcasts, panel, statistics, system


def register(router: Router) -> None:
    superadmins = router.for_role(Role.SUPERADMIN)
    panel.register(superadmins)
    broadcasts.register(superadmins)
    statistics.register(superadmins)
    system.register(superadmins)
