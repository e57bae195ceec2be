"""The callback actions of the storefront's buttons, in one place, so the menu,
catalogue and cart modules can point at each other's screens without importing each
other. Each declares its arguments with their ranges; the router refuses data that
does not fit before any handler runs.
"""

from bot.callbacks import PAGE, ROW_ID, Action, Choice, Int
from bot.language import LANGUAGES
from models.carts import MAX_LINE_QUANTITY

QUANTITY = Int(1, MAX_LINE_QUANTITY)

MENU = Action("menu")
HELP = Action("menu.help")
SET_LANGUAGE = Action("lang.set", Choice(LANGUAGES))  # language code
CATEGORIES = Action("cat")
CATEGORY = Action("cat.open", ROW_ID, PAGE)  # category id, page (0-based)
PRODUCT = Action("prod", ROW_ID, PAGE)  # product id, page of its category to go back to
PICK_VARIANT = Action("var.pick", ROW_ID)  # variant id
ADD_TO_CART = Action("var.add", ROW_ID, QUANTITY)  # variant id, quantity
CART = Action("cart")
CART_LINE = Action("cart.line", ROW_ID)  # cart line id
CART_QUANTITY = Action("cart.qty", ROW_ID, QUANTITY)  # cart line id, quantity
CART_REMOVE = Action("cart.rm", ROW_ID)  # cart line id
CART_CLEAR = Action("cart.clear")
CART_CLEAR_CONFIRMED = Action("cart.clear.yes")
WAIT_FOR = Action("wait.add", ROW_ID)  # variant id: "Notify me" on a sold-out size
WAITS = Action("waits")
WAIT_CANCEL = Action("wait.rm", ROW_ID)  # wait id

# Registered by other features.
CHECKOUT = Action("checkout.start")
ORDERS = Action("orders.list")
