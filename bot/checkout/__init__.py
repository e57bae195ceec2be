"""Checkout: the conversation from the cart to a placed order, and Telegram Payments.

Registered before the shop's routes: during checkout, `/start` first leaves the checkout.
"""

from bot.checkout import conversation, payments
from bot.router import Router


def register(router: Router) -> None:
    payments.register(router)
    conversation.register(router)
