"""The callback actions of the shopper's orders screens."""

from bot.shop.actions import ORDERS

MY_ORDERS = ORDERS  # from the menu
