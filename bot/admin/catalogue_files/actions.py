"""The callback actions of the import and export section (all need ADMIN)."""

from bot.callbacks import Action, Choice
from models.order_statuses import STATUSES

#: Periods of the orders export, newest first; "all" has no start.
PERIODS = ("today", "week", "month", "all")
ANY_STATUS = "any"

MENU = Action("files.menu")
IMPORT_HELP = Action("files.import")
EXPORT_CATALOGUE = Action("files.cat")
CHOOSE_PERIOD = Action("files.ord")
CHOOSE_STATUS = Action("files.ord.p", Choice(PERIODS))
EXPORT_ORDERS = Action("files.ord.x", Choice(PERIODS), Choice((ANY_STATUS, *STATUSES)))
