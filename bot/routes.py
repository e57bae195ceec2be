"""The bot's routes, in the order they are tried."""

from bot import checkout_routes, start, storefront, superadmin
from bot.router import Router


def build_router() -> Router:
    router = Router()
    superadmin.register(router)  # first: a superadmin's typed broadcast text
    checkout_routes.register(router)
    start.register(router)
    storefront.register(router)
    return router
