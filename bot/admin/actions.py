"""The callback actions of the admins' buttons (all of them need at least ADMIN)."""

from bot.callbacks import ROW_ID, Action, Choice, Token
from models.order_statuses import STATUSES

SET_ORDER_STATUS = Action("order.status", ROW_ID, Choice(STATUSES))

MENU = Action("admin.menu")

#: Buttons under a back-office conversation's question (`bot.admin.conversation`); the
#: names keep the catalogue's, where the conversations started, so sent buttons stay valid.
STEP = Token(1, 16)  # a conversation's step name
CANCEL = Action("ac.cancel")
SKIP = Action("ac.skip", STEP)
