"""The storefront's routes: main menu, catalogue, variants, cart (`/start` and its deep
links are in `bot.shop.start`)."""

from bot.router import Router
from bot.shop import cart, catalog, menu
from bot.shop import variants as catalog_variants


def register(router: Router) -> None:
    menu.register(router)
    catalog.register(router)
    catalog_variants.register(router)
    cart.register(router)
