"""The bot's rules for variants written in the web admin (see `catalogue_rules`).

A variant's stock is set once, when it is made (0 to `STOCK_MAX`): afterwards only the
order processor writes stock, so an edit that changes it is refused and the bot's stock
screen is named instead. A SKU left empty is generated as the bot does; a taken one is
refused. A variant with stock is not deleted. A published product's channel post is
edited to match once the change committed.
"""

from __future__ import annotations

from typing import Any

from piccolo_api.crud.hooks import Hook, HookType
from starlette.requests import Request

from models.catalogue import ProductVariant
from models.catalogue_admin import CatalogueItemNotFound, free_sku, sku_base
from models.catalogue_input import COLOUR_MAX, SIZE_MAX, STOCK_MAX, parse_sku
from models.catalogue_variants import VariantInStock, delete_variant
from web_admin.acting import acting_admin, refuse
from web_admin.audit_hooks import by_name
from web_admin.catalogue_rules import product_chosen, read_whole, required_name
from web_admin.channel import Channel
from web_admin.one_transaction import after_commit


def _colour(value: object) -> str | None:
    if value is None or not str(value).strip():
        return None
    return required_name(value, "colour", COLOUR_MAX)


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


async def _save_variant(row: ProductVariant) -> ProductVariant:
    product_chosen(row.product)
    row.size = required_name(row.size, "size", SIZE_MAX)
    row.colour = _colour(row.colour)
    row.stock = read_whole(0 if row.stock is None else row.stock, "stock", STOCK_MAX)
    if str(row.sku or "").strip():
        row.sku = await _sku(row.sku, None)
    else:
        row.sku = await free_sku(sku_base(int(row.product), row.size, row.colour))
    return row


async def _patch_variant(row_id: Any, values: dict[Any, Any]) -> tuple[dict[str, Any], int]:
    """The patch's values, checked, and the variant's product."""
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
        values["size"] = required_name(values["size"], "size", SIZE_MAX)
    if "colour" in values:
        values["colour"] = _colour(values["colour"])
    if "sku" in values:
        values["sku"] = await _sku(values["sku"], int(row_id))
    return values, int(current.product)


def variant_hooks(channel: Channel) -> list[Hook]:
    async def save(row: ProductVariant, request: Request) -> ProductVariant:
        row = await _save_variant(row)
        after_commit(request, channel.refresh_post(int(row.product)))
        return row

    async def patch(row_id: Any, values: dict[Any, Any], request: Request) -> dict[str, Any]:
        values, product_id = await _patch_variant(row_id, values)
        after_commit(request, channel.refresh_post(product_id))
        return values

    async def delete(row_id: Any, request: Request) -> None:
        try:
            product_id = await delete_variant(acting_admin(request), int(row_id))
        except VariantInStock as error:
            raise refuse(
                f"The variant has {error.stock} in stock: sell or write them off first."
            ) from error
        except CatalogueItemNotFound as error:
            raise refuse(str(error), 404) from error
        after_commit(request, channel.refresh_post(product_id))

    return [
        Hook(HookType.pre_save, save),
        Hook(HookType.pre_patch, patch),
        Hook(HookType.pre_delete, delete),
    ]
