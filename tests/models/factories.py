"""Small builders of catalogue and user rows for the model tests."""

from __future__ import annotations

from itertools import count
from typing import Any

from piccolo.querystring import QueryString

from models.catalogue import Category, Product, ProductVariant
from models.clock import utcnow
from models.users import User, get_user, record_user
from runtime.database import DatabaseEngine

_numbers = count(1)


async def make_user(telegram_id: int | None = None) -> int:
    """A recorded user; returns users.id."""
    telegram_id = telegram_id or 1_000_000 + next(_numbers)
    await record_user(telegram_id, first_name="Test", last_name=None, username=None, language="ru")
    user = await get_user(telegram_id)
    assert user is not None
    return int(user.id)


async def make_variant(*, stock: int = 5, price: int = 199_00, title: str = "T-shirt") -> int:
    """A variant of a fresh product in a fresh category; returns its id."""
    n = next(_numbers)
    category = Category(name=f"Category {n}")
    await category.save().run()
    product = Product(category=category.id, title=title, price=price, created_at=utcnow())
    await product.save().run()
    variant = ProductVariant(product=product.id, size="M", sku=f"SKU-{n}", stock=stock)
    await variant.save().run()
    return int(variant.id)


async def stock_of(variant_id: int) -> int:
    row = await (
        ProductVariant.select(ProductVariant.stock)
        .where(ProductVariant.id == variant_id)
        .first()
        .run()
    )
    assert row is not None
    return int(row["stock"])


async def fetch(engine: DatabaseEngine, sql: str, *args: Any) -> list[dict[str, Any]]:
    """Run raw SQL on `engine` and return plain dicts (both drivers)."""
    rows = await engine.run_querystring(QueryString(sql, *args))
    return [dict(row) for row in rows]


async def count_users(telegram_id: int) -> int:
    return int(await User.count().where(User.telegram_id == telegram_id).run())
