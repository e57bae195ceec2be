"""The storefront's routes: main menu, catalogue, variants, cart (`/start` and its deep
links are in `bot.start`)."""

from bot import cart, catalog, catalog_variants, menu
from bot.router import Router


def register(router: Router) -> None:
    menu.register(router)
    catalog.register(router)
    catalog_variants.register(router)
    cart.register(router)
