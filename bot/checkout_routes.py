"""The routes of checkout, payments, "My orders" and the admins' order buttons.

Registered before `/start`'s: during checkout, `/start` first leaves the checkout.
"""

from bot import admin_orders, checkout, orders, payments
from bot.router import Router


def register(router: Router) -> None:
    payments.register(router)
    checkout.register(router)
    orders.register(router)
    admin_orders.register(router)
