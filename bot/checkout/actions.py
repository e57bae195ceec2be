"""Callback actions of checkout's and orders' buttons. Checkout's carry the checkout's key,
so a button of an earlier checkout does nothing."""

from bot.callbacks import ROW_ID, Action, Choice, Token
from bot.checkout.flow import EDITABLE
from bot.shop.actions import CHECKOUT, ORDERS
from models.order_statuses import STATUSES

KEY = Token(16, 24)  # `models.checkout.new_key` makes 16 characters; the column holds 24

START = CHECKOUT  # from the cart
CONFIRM = Action("checkout.ok", KEY)
EDIT = Action("checkout.edit", KEY)
EDIT_FIELD = Action("checkout.field", KEY, Choice(EDITABLE))  # checkout key, question
BACK = Action("checkout.back", KEY)  # from the edit menu to the summary
CANCEL = Action("checkout.cancel", KEY)
MY_ORDERS = ORDERS  # from the menu
SET_ORDER_STATUS = Action("order.status", ROW_ID, Choice(STATUSES))  # admins only
