"""Products published to the shop's channel: one row per product posted, and its state.

A post is what the bot sent to `CHANNEL_ID` for a product: one message (a photo with its
caption and Buy button, or a text card), or an album followed by a short message that
carries the Buy button (an album cannot carry buttons). `caption_message_id` is the
message whose text or caption shows the card; `button_message_id` the one with the
button (the same message unless the card is an album); `message_ids` every message of
the post, for unpublishing.

`state` is what the post shows: `live` (sizes in stock, the Buy button) or `sold_out`
(every variant at 0, or the product withdrawn or its category hidden: the caption says
it is not available and the button is gone). Whoever edits the post
compares the state stored with the state the stock calls for (`wanted_state`), so a
sync after a crash or a repeated stock change edits only what is out of date.

A product has at most one post (unique `product_id`); the column is a plain integer,
not a foreign key: a product deleted from the catalogue leaves its row to be cleaned up
by unpublishing, and this table stays independent of the catalogue's migrations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import cast

from piccolo.columns import BigInt, BigSerial, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table

from models.catalogue import Product, ProductVariant
from models.clock import utcnow

LIVE = "live"
SOLD_OUT = "sold_out"
POST_STATES = (LIVE, SOLD_OUT)


class ChannelPost(Table, tablename="channel_posts"):
    id = BigSerial(primary_key=True)
    product_id = Integer(unique=True)
    chat_id = BigInt()
    thread_id = BigInt(null=True, default=None)
    message_ids = Text(default="[]")  # JSON list of every message of the post
    caption_message_id = BigInt()
    button_message_id = BigInt()
    state = Varchar(length=16, default=LIVE)
    created_at = Timestamptz()
    updated_at = Timestamptz()


def message_ids_of(post: ChannelPost) -> list[int]:
    """Every message id of the post (an unreadable list counts as its two known ids)."""
    try:
        loaded = json.loads(post.message_ids)
    except ValueError:
        loaded = None
    if isinstance(loaded, list) and all(isinstance(item, int) for item in loaded):
        return loaded
    return sorted({int(post.caption_message_id), int(post.button_message_id)})


async def get_post(product_id: int) -> ChannelPost | None:
    return await ChannelPost.objects().where(ChannelPost.product_id == product_id).first().run()


async def list_posts(product_ids: Sequence[int] | None = None) -> list[ChannelPost]:
    """The posts of `product_ids` (every post when None), oldest first."""
    query = ChannelPost.objects().order_by(ChannelPost.id)
    if product_ids is not None:
        if not product_ids:
            return []
        query = query.where(ChannelPost.product_id.is_in(list(product_ids)))
    return await query.run()


async def published_product_ids(product_ids: Sequence[int]) -> set[int]:
    """Which of `product_ids` have a post."""
    return {int(post.product_id) for post in await list_posts(product_ids)}


async def create_post(
    product_id: int,
    *,
    chat_id: int,
    thread_id: int | None,
    message_ids: Sequence[int],
    caption_message_id: int,
    button_message_id: int,
    state: str,
) -> ChannelPost | None:
    """Remember a post just sent; None when the product has a post already (another
    admin published it a moment ago). Raises ValueError for an unknown state."""
    if state not in POST_STATES:
        raise ValueError(f"unknown post state {state!r}")
    now = utcnow()
    post = ChannelPost(
        product_id=product_id,
        chat_id=chat_id,
        thread_id=thread_id,
        message_ids=json.dumps(list(message_ids)),
        caption_message_id=caption_message_id,
        button_message_id=button_message_id,
        state=state,
        created_at=now,
        updated_at=now,
    )
    rows = await (
        ChannelPost.insert(post)
        .on_conflict(target=ChannelPost.product_id, action="DO NOTHING")
        .returning(ChannelPost.id)
        .run()
    )
    return await get_post(product_id) if rows else None


async def set_post_state(post_id: int, state: str) -> None:
    if state not in POST_STATES:
        raise ValueError(f"unknown post state {state!r}")
    await (
        ChannelPost.update({ChannelPost.state: state, ChannelPost.updated_at: utcnow()})
        .where(ChannelPost.id == post_id)
        .run()
    )


async def delete_post(post_id: int) -> bool:
    """Forget a post; False when it was already gone (unpublished meanwhile)."""
    rows = await ChannelPost.delete().where(ChannelPost.id == post_id).returning(ChannelPost.id)
    return bool(rows)


async def products_page(offset: int, limit: int) -> tuple[list[Product], int]:
    """One page of every product (available or not), newest first, and how many there
    are: what an admin may publish."""
    page = await (
        Product.objects()
        .order_by(Product.created_at, Product.id, ascending=False)
        .offset(offset)
        .limit(limit)
        .run()
    )
    return page, int(await Product.count().run())


async def wanted_state(product_id: int) -> str:
    """What the product's post should show: `live` when shoppers can buy it (available,
    in a shown category, some variant in stock), else `sold_out` (no Buy button)."""
    in_stock = ProductVariant.select(ProductVariant.product).where(ProductVariant.stock > 0)
    # Piccolo types a column reached through a foreign key as `Column | Any`.
    category_hidden = cast(Boolean, Product.category.is_hidden)
    offered = await (
        Product.exists()
        .where(
            Product.id == product_id,
            Product.is_available.eq(True),
            category_hidden.eq(False),
            Product.id.is_in(in_stock),
        )
        .run()
    )
    return LIVE if offered else SOLD_OUT


async def products_of_variants(variant_ids: Sequence[int]) -> list[int]:
    """The products the variants belong to (variants deleted meanwhile are skipped)."""
    if not variant_ids:
        return []
    rows = await (
        ProductVariant.select(ProductVariant.product.as_alias("product_id"))
        .where(ProductVariant.id.is_in(list(variant_ids)))
        .run()
    )
    return sorted({int(row["product_id"]) for row in rows})
