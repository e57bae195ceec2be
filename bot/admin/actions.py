"""The callback actions of the admins' buttons (all of them need at least ADMIN)."""

from bot.callbacks import ROW_ID, Action, Choice
from models.order_statuses import STATUSES

SET_ORDER_STATUS = Action("order.status", ROW_ID, Choice(STATUSES))

MENU = Action("admin.menu")
