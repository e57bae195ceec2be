"""The bot's routes, in the order they are tried: one `register` per feature package."""

from bot import admin, checkout, orders, shop, superadmin
from bot.router import Router


def build_router() -> Router:
    router = Router()
    superadmin.register(router)  # first: a superadmin's typed broadcast text
    checkout.register(router)  # before the shop: during checkout, /start leaves it first
    orders.register(router)
    admin.register(router)
    shop.register(router)
    return router
