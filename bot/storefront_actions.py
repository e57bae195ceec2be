"""The callback actions of the storefront's buttons, in one place, so the menu,
catalogue and cart modules can point at each other's screens without importing each
other. Arguments are listed after the colon; the router routes by action alone.
"""

MENU = "menu"
HELP = "menu.help"
SET_LANGUAGE = "lang.set"  # : language code
CATEGORIES = "cat"
CATEGORY = "cat.open"  # : category id, page (0-based)
PRODUCT = "prod"  # : product id, page of its category to go back to
PICK_VARIANT = "var.pick"  # : variant id
ADD_TO_CART = "var.add"  # : variant id, quantity
CART = "cart"
CART_LINE = "cart.line"  # : cart line id
CART_QUANTITY = "cart.qty"  # : cart line id, quantity
CART_REMOVE = "cart.rm"  # : cart line id
CART_CLEAR = "cart.clear"
CART_CLEAR_CONFIRMED = "cart.clear.yes"

# Registered by other features.
CHECKOUT = "checkout.start"
ORDERS = "orders.list"
