"""The bot's routes, in the order they are tried."""

from bot import start
from bot.router import Router


def build_router() -> Router:
    router = Router()
    start.register(router)
    return router
