"""A product's variants: their stock and SKUs, and the size x colour grid. Stock is set
or adjusted by typing `+N`, `-N` or `=N` (never below zero), applied by the order
processor; a SKU is typed, and refused when another variant has it; a size or a colour
is added to the grid by typing it; a variant with nothing in stock can be deleted."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, Message

from bot.admin.catalogue import actions as a
from bot.admin.catalogue.keyboards import variant_label, variants_keyboard
from bot.admin.catalogue.stock_requests import change_stock, refusal_key
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.catalogue import get_product, get_variant, list_variants
from models.catalogue_admin import CatalogueItemNotFound
from models.catalogue_input import (
    COLOUR_MAX,
    SIZE_MAX,
    parse_sku,
    parse_stock_change,
    read_grid_names,
)
from models.catalogue_variants import (
    SkuTaken,
    VariantInStock,
    add_to_grid,
    delete_variant,
    set_variant_sku,
)
from models.conversations import Conversation

STOCK, SKU, GRID = "variant.stock", "variant.sku", "variant.grid"


async def send_variants(request: Request, product_id: int) -> None:
    product = await get_product(product_id)
    if product is None:
        await send_screen(request, request.t("acat.gone"))
        return
    variants = await list_variants(product_id)
    text = request.t("acat.variants.screen", title=product.title)
    await send_screen(request, text, variants_keyboard(request, product_id, variants))


async def show_variants(request: Request, query: CallbackQuery, callback: Callback) -> None:
    await show_variants_of(request, query, callback.integer(0) or 0)


async def show_variants_of(
    request: Request, query: CallbackQuery, product_id: int, toast: str | None = None
) -> None:
    product = await get_product(product_id)
    if product is None:
        await query.answer(request.t("acat.gone"))
        return
    variants = await list_variants(product_id)
    text = request.t("acat.variants.screen", title=product.title)
    markup = variants_keyboard(request, product_id, variants)
    await show_screen(request, query, text, markup, toast=toast)


async def _variant_asker(request: Request, conversation: Conversation, note: str) -> None:
    variant = await get_variant(conversation.integer("variant_id") or 0)
    label = variant_label(variant) if variant is not None else "—"
    stock = variant.stock if variant is not None else 0
    sku = variant.sku if variant is not None else "—"
    key = "acat.ask.stock_change" if conversation.kind == STOCK else "acat.ask.sku"
    await ask_question(request, conversation, key, note, label=label, stock=stock, sku=sku)


async def read_stock(request: Request, conversation: Conversation, message: Message) -> Outcome:
    variant_id = conversation.integer("variant_id") or 0
    change = parse_stock_change(message.text or "", variant_id)
    if change is None:
        return "acat.bad.stock_change"
    result = await change_stock(request, [change])
    problem = refusal_key(result)
    if problem == "acat.stock.below_zero":
        return problem  # ask again: the admin may type another number
    if problem is not None:
        await message.reply_text(request.t(problem))
        return DONE
    await send_variants(request, conversation.integer("product_id") or 0)
    return DONE


async def read_sku(request: Request, conversation: Conversation, message: Message) -> Outcome:
    sku = parse_sku(message.text or "")
    if sku is None:
        return "acat.bad.sku"
    try:
        await set_variant_sku(request.user_id, conversation.integer("variant_id") or 0, sku)
    except SkuTaken:
        return "acat.sku_taken"
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    await send_variants(request, conversation.integer("product_id") or 0)
    return DONE


async def ask_grid(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(request, conversation, f"acat.ask.grid_{conversation.step}", note)


async def read_grid(request: Request, conversation: Conversation, message: Message) -> Outcome:
    adding_sizes = conversation.step == "size"
    names = read_grid_names(message.text or "", SIZE_MAX if adding_sizes else COLOUR_MAX)
    if names is None:
        return f"acat.bad.{conversation.step}s"
    product_id = conversation.integer("product_id") or 0
    try:
        if adding_sizes:
            await add_to_grid(request.user_id, product_id, sizes=names)
        else:
            await add_to_grid(request.user_id, product_id, colours=names)
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    await send_variants(request, product_id)
    return DONE


define(STOCK, {"amount": Step(_variant_asker, read_stock)})
define(SKU, {"sku": Step(_variant_asker, read_sku)})
define(GRID, {"size": Step(ask_grid, read_grid), "colour": Step(ask_grid, read_grid)})


async def start_grid(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id = callback.integer(0) or 0
    if await get_product(product_id) is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, GRID, callback.text(1), product_id=product_id)


async def delete(request: Request, query: CallbackQuery, callback: Callback) -> None:
    try:
        product_id = await delete_variant(request.user_id, callback.integer(0) or 0)
    except VariantInStock as stocked:
        await query.answer(request.t("acat.variant.in_stock", stock=stocked.stock), True)
        return
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    await show_variants_of(request, query, product_id, request.t("acat.variant.deleted"))


async def _start(request: Request, query: CallbackQuery, callback: Callback, kind: str) -> None:
    variant = await get_variant(callback.integer(0) or 0)
    if variant is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    step = "amount" if kind == STOCK else "sku"
    await begin(request, kind, step, variant_id=int(variant.id), product_id=int(variant.product))


async def start_stock(request: Request, query: CallbackQuery, callback: Callback) -> None:
    await _start(request, query, callback, STOCK)


async def start_sku(request: Request, query: CallbackQuery, callback: Callback) -> None:
    await _start(request, query, callback, SKU)


def register(router: Router) -> None:
    router.on_callback(a.VARIANTS, show_variants)
    router.on_callback(a.VARIANT_STOCK, start_stock)
    router.on_callback(a.VARIANT_SKU, start_sku)
    router.on_callback(a.VARIANT_DELETE, delete)
    router.on_callback(a.GRID_ADD, start_grid)
