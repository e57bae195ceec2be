"""The shopper's orders: "My orders" and `/orders`."""

from bot.orders import my_orders
from bot.router import Router


def register(router: Router) -> None:
    my_orders.register(router)
