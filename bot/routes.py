"""The bot's routes, in the order they are tried."""

from bot.checkout import routes as checkout_routes
from bot.router import Router
from bot.shop import routes as storefront
from bot.shop import start
from bot.superadmin import panel as superadmin


def build_router() -> Router:
    router = Router()
    superadmin.register(router)  # first: a superadmin's typed broadcast text
    checkout_routes.register(router)
    start.register(router)
    storefront.register(router)
    return router
