"""The callback actions of the Customers section (all need at least ADMIN: the admin
package sets the role). A customer is named by their Telegram user id.

`MESSAGE_CUSTOMER` is the relay's entry: any admin screen that knows a customer (the
order card too) may offer it as "✉ Message the customer"."""

from bot.callbacks import Action, Int
from models.customers import TELEGRAM_ID_MAX

TELEGRAM_ID = Int(1, TELEGRAM_ID_MAX)

CUSTOMERS = Action("cu.find")  # the section: asks what to search for
CUSTOMER = Action("cu.show", TELEGRAM_ID)
BAN = Action("cu.ban", TELEGRAM_ID, Int(0, 1))  # 1 ban, 0 unban
MESSAGE_CUSTOMER = Action("cu.msg", TELEGRAM_ID)
