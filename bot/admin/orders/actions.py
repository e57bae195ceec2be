"""The callback actions of the order desk (all need at least ADMIN: the admin package
sets the role). The card's status buttons keep their action (`bot.admin.actions`)."""

from bot.callbacks import PAGE, ROW_ID, Action, Choice, Int
from models.ids import SERIAL_ID_MAX
from models.order_history import CANCEL_REASONS
from models.order_statuses import STATUSES

DESK = Action("ao.desk")
#: A page of a status's orders: the status, the id the page starts below (0: the
#: newest), and the page's number (shown only).
LIST = Action("ao.list", Choice(STATUSES), Int(0, SERIAL_ID_MAX), PAGE)
OPEN = Action("ao.open", ROW_ID)
FIND = Action("ao.find")
REASON = Action("ao.reason", ROW_ID, Choice(CANCEL_REASONS))
