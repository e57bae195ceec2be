"""The catalogue in the back office: categories, products (guided creation, editing any
field, availability, deletion), their photos and variants (stock, SKU). Every change is
audited; stock is changed by the order processor (`AdjustStock`). Registered through
the admin package's router, so every route needs at least ADMIN."""

from bot.admin.catalogue import (
    categories,
    photos,
    product_new,
    products,
    variants,
)
from bot.router import Router


def register(router: Router) -> None:
    categories.register(router)
    products.register(router)
    product_new.register(router)
    variants.register(router)
    photos.register(router)
