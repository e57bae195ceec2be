"""The bot's routes, in the order they are tried."""

from bot import start, superadmin
from bot.router import Router


def build_router() -> Router:
    router = Router()
    superadmin.register(router)  # first: a superadmin's typed broadcast text
    start.register(router)
    return router
