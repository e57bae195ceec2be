"""The callback actions of the Admins section (superadmins only: the package sets the
role). An admin is named by their Telegram user id."""

from bot.admin.customers.actions import TELEGRAM_ID
from bot.callbacks import Action

ADMINS = Action("adm.list")  # the section: the list of admins
ADMIN_ADD = Action("adm.add")
ADMIN_REMOVE = Action("adm.rm", TELEGRAM_ID)
