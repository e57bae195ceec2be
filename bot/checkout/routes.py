"""The routes of checkout, payments, "My orders" and the admins' order buttons.

Registered before `/start`'s: during checkout, `/start` first leaves the checkout.
"""

from bot.admin import order_cards as admin_orders
from bot.checkout import conversation as checkout
from bot.checkout import payments
from bot.orders import my_orders as orders
from bot.router import Router


def register(router: Router) -> None:
    payments.register(router)
    checkout.register(router)
    orders.register(router)
    admin_orders.register(router)
