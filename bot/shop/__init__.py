"""The shop as a shopper sees it: `/start` and its deep links, the main menu and language,
the catalogue, a product's variants, the cart, back-in-stock waits."""

from bot.router import Router
from bot.shop import cart, catalog, menu, start, variants, waits


def register(router: Router) -> None:
    start.register(router)
    menu.register(router)
    catalog.register(router)
    variants.register(router)
    cart.register(router)
    waits.register(router)
