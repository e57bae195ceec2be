"""A post shows the Buy button only while shoppers can buy the product."""

from __future__ import annotations

from models.catalogue import Category, Product, ProductVariant
from models.channel_posts import LIVE, SOLD_OUT, create_post, get_post, wanted_state
from runtime.database import DatabaseEngine
from tests.models.factories import make_variant


async def product_of(variant_id: int) -> int:
    variant = await ProductVariant.objects().where(ProductVariant.id == variant_id).first()
    assert variant is not None
    return int(variant.product)


async def test_live_only_while_available_shown_and_in_stock(db: DatabaseEngine) -> None:
    product = await product_of(await make_variant(stock=2))
    assert await wanted_state(product) == LIVE
    await Product.update({Product.is_available: False}).where(Product.id == product)
    assert await wanted_state(product) == SOLD_OUT
    await Product.update({Product.is_available: True}).where(Product.id == product)
    await Category.update({Category.is_hidden: True}, force=True)
    assert await wanted_state(product) == SOLD_OUT
    await Category.update({Category.is_hidden: False}, force=True)
    await ProductVariant.update({ProductVariant.stock: 0}, force=True)
    assert await wanted_state(product) == SOLD_OUT


async def test_a_product_is_posted_once(db: DatabaseEngine) -> None:
    product = await product_of(await make_variant())
    values = {
        "chat_id": -1001,
        "thread_id": None,
        "message_ids": [5, 6],
        "caption_message_id": 5,
        "button_message_id": 6,
        "state": LIVE,
    }
    first = await create_post(product, **values)  # type: ignore[arg-type]
    assert first is not None and first.message_ids == "[5, 6]"
    assert await create_post(product, **values) is None  # type: ignore[arg-type]
    post = await get_post(product)
    assert post is not None and post.id == first.id
