"""Callback actions of checkout's and orders' buttons. Checkout's carry the checkout's key,
so a button of an earlier checkout does nothing."""

from bot.storefront_actions import CHECKOUT, ORDERS

START = CHECKOUT  # from the cart
CONFIRM = "checkout.ok"  # : checkout key
EDIT = "checkout.edit"  # : checkout key
EDIT_FIELD = "checkout.field"  # : checkout key, question
BACK = "checkout.back"  # : checkout key (from the edit menu to the summary)
CANCEL = "checkout.cancel"  # : checkout key
MY_ORDERS = ORDERS  # from the menu
SET_ORDER_STATUS = "order.status"  # : order id, status (admins only)
