"""The back office for admins and superadmins; every route here needs at least ADMIN."""

from bot.admin import catalogue, catalogue_files, channel, menu, orders
from bot.roles import Role
from bot.router import Router


def register(router: Router) -> None:
    admins = router.for_role(Role.ADMIN)
    menu.register(admins)
    orders.register(admins)
    catalogue.register(admins)
    catalogue_files.register(admins)
    channel.register(admins)
