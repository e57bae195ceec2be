"""Admins in the back office (superadmins only): the list (env-listed admins shown as
such, not removable here), adding one (forwarded message, Telegram id, @username) and
removing one. Both are audited (`models.admins`). Every route here needs SUPERADMIN,
checked on the server: the package sets the role once."""

from bot.admin.admins import adding, listing
from bot.roles import Role
from bot.router import Router


def register(router: Router) -> None:
    superadmins = router.for_role(Role.SUPERADMIN)
    listing.register(superadmins)
    adding.register(superadmins)
