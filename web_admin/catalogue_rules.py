"""The bot's catalogue rules, applied to what the web admin writes (as piccolo_api hooks).

Texts are cleaned and length-checked as in the bot (`models.catalogue_input`); prices and
stock are whole numbers from 0 (the database refuses a negative stock as well). A
variant's stock is set once, when it is created: afterwards only the order processor
writes stock (the bot's stock screen sends it the change), so an edit that changes
it is refused. Deletes go through the bot's own operations (`models.catalogue_admin`,
`catalogue_variants`, `catalogue_photos`): a category that holds products, or a variant
with stock, is refused the same way, and each writes its audit row. A deleted
product's channel post is taken down first, as the bot does.
"""

from __future__ import annotations

from typing import Any

from loguru import logger
from piccolo.query.functions.aggregate import Max
from piccolo_api.crud.hooks import Hook, HookType
from pyrogram import Client
from starlette.requests import Request

from bot.admin.channel.posts import ChannelRefused, unpublish
from models.catalogue import Category, Product, ProductVariant
from models.catalogue_admin import (
    CatalogueItemNotFound,
    CategoryNotEmpty,
    delete_category,
    delete_product,
    free_sku,
    sku_base,
)
from models.catalogue_input import (
    CATEGORY_NAME_MAX,
    COLOUR_MAX,
    DESCRIPTION_MAX,
    PRICE_MAX,
    SIZE_MAX,
    STOCK_MAX,
    TITLE_MAX,
    parse_sku,
    read_name,
)
from models.catalogue_variants import VariantInStock, delete_variant
from models.channel_posts import get_post
from models.text_cleaning import clean_text
from web_admin.acting import acting_admin, refuse
from web_admin.audit_hooks import by_name


def _name(value: object, field: str, limit: int) -> str:
    name = read_name(str(value or ""), limit)
    if name is None:
        raise refuse(f"{field}: 1 to {limit} characters, with a letter or a digit.")
    return name


def _whole(value: object, field: str, most: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise refuse(f"{field}: a whole number from 0 to {most}.")
    return value


def _description(value: object) -> str:
    description = clean_text(str(value or ""), multiline=True)
    if len(description) > DESCRIPTION_MAX:
        raise refuse(f"description: at most {DESCRIPTION_MAX} characters.")
    return description


# -- categories ------------------------------------------------------------------------


def _clean_category(values: dict[str, Any]) -> None:
    if "name" in values:
        values["name"] = _name(values["name"], "name", CATEGORY_NAME_MAX)


async def _save_category(row: Category) -> Category:
    """A new category goes at the end of the list unless a position is given."""
    row.name = _name(row.name, "name", CATEGORY_NAME_MAX)
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
        values["title"] = _name(values["title"], "title", TITLE_MAX)
    if "description" in values:
        values["description"] = _description(values["description"])
    if "price" in values:
        values["price"] = _whole(values["price"], "price", PRICE_MAX)


async def _save_product(row: Product) -> Product:
    row.title = _name(row.title, "title", TITLE_MAX)
    row.description = _description(row.description)
    row.price = _whole(row.price, "price", PRICE_MAX)
    return row


async def _patch_product(row_id: Any, values: dict[Any, Any]) -> dict[str, Any]:
    values = by_name(values)
    _clean_product(values)
    return values


def product_hooks(client: Client | None) -> list[Hook]:
    async def delete(row_id: Any, request: Request) -> None:
        product_id = int(row_id)
        post = await get_post(product_id)
        if post is not None and client is not None:
            try:
                await unpublish(client, post)
            except ChannelRefused as refused:
                logger.warning("the post of product {} stays: {}", product_id, refused)
        try:
            await delete_product(acting_admin(request), product_id)
        except CatalogueItemNotFound as error:
            raise refuse(str(error), 404) from error

    return [
        Hook(HookType.pre_save, _save_product),
        Hook(HookType.pre_patch, _patch_product),
        Hook(HookType.pre_delete, delete),
    ]


# -- variants --------------------------------------------------------------------------


def _colour(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    return _name(value, "colour", COLOUR_MAX)


async def _sku(value: object, variant_id: int | None) -> str:
    sku = parse_sku(str(value or ""))
    if sku is None:
        raise refuse("sku: Latin letters, digits, '.', '_' and '-', at most 64 characters.")
    taken = ProductVariant.exists().where(ProductVariant.sku == sku)
    if variant_id is not None:
        taken = taken.where(ProductVariant.id != variant_id)
    if await taken.run():
        raise refuse(f"sku: {sku} belongs to another variant.")
    return sku


def product_chosen(product: object) -> int:
    """The product a new variant or photo belongs to (it must be chosen)."""
    if isinstance(product, bool) or not isinstance(product, int):
        raise refuse("product: choose the product.")
    return product


async def _save_variant(row: ProductVariant) -> ProductVariant:
    product_chosen(row.product)
    row.size = _name(row.size, "size", SIZE_MAX)
    row.colour = _colour(row.colour)
    row.stock = _whole(0 if row.stock is None else row.stock, "stock", STOCK_MAX)
    if str(row.sku or "").strip():
        row.sku = await _sku(row.sku, None)
    else:
        row.sku = await free_sku(sku_base(int(row.product), row.size, row.colour))
    return row


async def _patch_variant(row_id: Any, values: dict[Any, Any]) -> dict[str, Any]:
    values = by_name(values)
    current = await ProductVariant.objects().where(ProductVariant.id == int(row_id)).first().run()
    if current is None:
        raise refuse(f"variant {row_id} not found", 404)
    if "stock" in values:
        if values["stock"] != current.stock:
            raise refuse(
                "stock: changed in the bot only (/admin -> Catalogue -> the product ->"
                " Stock), where orders and back-in-stock notices stay right."
            )
        del values["stock"]
    if "product" in values and values["product"] != current.product:
        raise refuse("product: a variant stays with its product; add one to the other.")
    if "size" in values:
        values["size"] = _name(values["size"], "size", SIZE_MAX)
    if "colour" in values:
        values["colour"] = _colour(values["colour"])
    if "sku" in values:
        values["sku"] = await _sku(values["sku"], int(row_id))
    return values


async def _delete_variant(row_id: Any, request: Request) -> None:
    try:
        await delete_variant(acting_admin(request), int(row_id))
    except VariantInStock as error:
        raise refuse(
            f"The variant has {error.stock} in stock: sell or write them off first."
        ) from error
    except CatalogueItemNotFound as error:
        raise refuse(str(error), 404) from error


def variant_hooks() -> list[Hook]:
    return [
        Hook(HookType.pre_save, _save_variant),
        Hook(HookType.pre_patch, _patch_variant),
        Hook(HookType.pre_delete, _delete_variant),
    ]
