"""The back office for admins and superadmins; every route here needs at least ADMIN,
but for a customer's reply to a message an admin sent them (`customers.relay`)."""

from bot.admin import admins as admins_section
from bot.admin import (
    audit,
    catalogue,
    catalogue_files,
    channel,
    conversation,
    customers,
    menu,
    orders,
    web_sign_in,
)
from bot.roles import Role
from bot.router import Router


def register(router: Router) -> None:
    customers.register_replies(router)  # anyone may reply to the shop's message
    admins = router.for_role(Role.ADMIN)
    menu.register(admins)
    web_sign_in.register(admins)
    orders.register(admins)
    conversation.register(admins)  # the conversations of every admin feature
    catalogue.register(admins)
    catalogue_files.register(admins)
    channel.register(admins)
    customers.register(admins)
    admins_section.register(admins)  # narrows itself to SUPERADMIN
    audit.register(admins)
