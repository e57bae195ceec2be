"""The bot's catalogue rules for categories and products written in the web admin (as
piccolo_api hooks; variants are in `variant_rules`, photos in `photos`).

Texts are cleaned and length-checked as in the bot (`models.catalogue_input`); prices are
whole numbers from 0. Deletes go through the bot's own operations
(`models.catalogue_admin`): a category that holds products is refused the same way, and
each writes its audit row. A deleted product's channel post is taken down first, as the
bot does; a published product whose title, description or price change has its post
edited to match once the change committed (`channel.Channel.refresh_post`; the bot's
own edits leave that to the next stock change).
"""

from __future__ import annotations

from typing import Any

from loguru import logger
from piccolo.query.functions.aggregate import Max
from piccolo_api.crud.hooks import Hook, HookType
from starlette.requests import Request

from bot.admin.channel.posts import ChannelRefused, unpublish
from models.catalogue import Category, Product
from models.catalogue_admin import (
    CatalogueItemNotFound,
    CategoryNotEmpty,
    delete_category,
    delete_product,
)
from models.catalogue_input import (
    CATEGORY_NAME_MAX,
    DESCRIPTION_MAX,
    PRICE_MAX,
    TITLE_MAX,
    read_name,
)
from models.channel_posts import get_post
from models.text_cleaning import clean_text
from web_admin.acting import acting_admin, refuse
from web_admin.audit_hooks import by_name
from web_admin.channel import Channel
from web_admin.one_transaction import after_commit


def required_name(value: object, field: str, limit: int) -> str:
    name = read_name(str(value or ""), limit)
    if name is None:
        raise refuse(f"{field}: 1 to {limit} characters, with a letter or a digit.")
    return name


def read_whole(value: object, field: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise refuse(f"{field}: a whole number from 0 to {most}.")
    return value


def _description(value: object) -> str:
    description = clean_text(str(value or ""), multiline=True)
    if len(description) > DESCRIPTION_MAX:
        raise refuse(f"description: at most {DESCRIPTION_MAX} characters.")
    return description


def product_chosen(product: object) -> int:
    """The product a new variant or photo belongs to (it must be chosen)."""
    if isinstance(product, bool) or not isinstance(product, int):
        raise refuse("product: choose the product.")
    return product


# -- categories ------------------------------------------------------------------------


def _clean_category(values: dict[str, Any]) -> None:
    if "name" in values:
        values["name"] = required_name(values["name"], "name", CATEGORY_NAME_MAX)


async def _save_category(row: Category) -> Category:
    """A new category goes at the end of the list unless a position is given."""
    row.name = required_name(row.name, "name", CATEGORY_NAME_MAX)
    if row.position is None:
        rows = await Category.select(Max(Category.position, alias="last")).run()
        last = rows[0]["last"] if rows and rows[0]["last"] is not None else -1
        row.position = int(last) + 1
    return row


async def _patch_category(row_id: Any, values: dict[Any, Any]) -> dict[str, Any]:
    values = by_name(values)
    _clean_category(values)
    return values


async def _delete_category(row_id: Any, request: Request) -> None:
    try:
        await delete_category(acting_admin(request), int(row_id))
    except CategoryNotEmpty as error:
        raise refuse(
            f"The category holds {error.products} products: move or delete them first."
        ) from error
    except CatalogueItemNotFound as error:
        raise refuse(str(error), 404) from error


def category_hooks() -> list[Hook]:
    return [
        Hook(HookType.pre_save, _save_category),
        Hook(HookType.pre_patch, _patch_category),
        Hook(HookType.pre_delete, _delete_category),
    ]


# -- products --------------------------------------------------------------------------


def _clean_product(values: dict[str, Any]) -> None:
    if "title" in values:
        values["title"] = required_name(values["title"], "title", TITLE_MAX)
    if "description" in values:
        values["description"] = _description(values["description"])
    if "price" in values:
        values["price"] = read_whole(values["price"], "price", PRICE_MAX)


async def _save_product(row: Product) -> Product:
    row.title = required_name(row.title, "title", TITLE_MAX)
    row.description = _description(row.description)
    row.price = read_whole(row.price, "price", PRICE_MAX)
    return row


def product_hooks(channel: Channel) -> list[Hook]:
    """Products' hooks; `channel` edits or takes down a published product's post."""

    async def patch(row_id: Any, values: dict[Any, Any], request: Request) -> dict[str, Any]:
        values = by_name(values)
        _clean_product(values)
        after_commit(request, channel.refresh_post(int(row_id)))
        return values

    async def delete(row_id: Any, request: Request) -> None:
        product_id = int(row_id)
        post = await get_post(product_id)
        if post is not None and channel.client is not None:
            try:
                await unpublish(channel.client, post)
            except ChannelRefused as refused:
                logger.warning("the post of product {} stays: {}", product_id, refused)
        try:
            await delete_product(acting_admin(request), product_id)
        except CatalogueItemNotFound as error:
            raise refuse(str(error), 404) from error

    return [
        Hook(HookType.pre_save, _save_product),
        Hook(HookType.pre_patch, patch),
        Hook(HookType.pre_delete, delete),
    ]
