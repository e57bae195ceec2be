"""Callback actions of checkout's buttons. They carry the checkout's key, so a button of an
earlier checkout does nothing."""

from bot.callbacks import Action, Choice, Token
from bot.checkout.flow import EDITABLE
from bot.shop.actions import CHECKOUT

KEY = Token(16, 24)  # `models.checkout.new_key` makes 16 characters; the column holds 24

START = CHECKOUT  # from the cart
CONFIRM = Action("checkout.ok", KEY)
EDIT = Action("checkout.edit", KEY)
EDIT_FIELD = Action("checkout.field", KEY, Choice(EDITABLE))  # checkout key, question
BACK = Action("checkout.back", KEY)  # from the edit menu to the summary
CANCEL = Action("checkout.cancel", KEY)
