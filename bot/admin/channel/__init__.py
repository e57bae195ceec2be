"""The admins' Channel section: products published to the shop's channel (`CHANNEL_ID`),
with Publish and Unpublish per product. The posts themselves (sending, keeping them true
to the stock, deleting) are `posts`; the order processor's stock watch edits them."""

from bot.admin.channel import products
from bot.router import Router


def register(router: Router) -> None:
    """`router` is the admin package's (every route needs at least ADMIN)."""
    products.register(router)
