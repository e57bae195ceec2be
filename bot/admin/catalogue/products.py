"""One product as admins see it (every state, every variant), editing its title,
description and price by typing, moving it to another category, offering or
withdrawing it, and deleting it (past orders keep their snapshots; carts show the line
as removed)."""

from __future__ import annotations

from loguru import logger
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.admin.catalogue import actions as a
from bot.admin.catalogue.categories import categories_screen, category_text
from bot.admin.catalogue.keyboards import (
    delete_product_keyboard,
    move_keyboard,
    product_keyboard,
    variant_label,
)
from bot.admin.channel.posts import ChannelRefused, unpublish
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.money import format_price
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.catalogue import get_product, list_categories, list_photos, list_variants
from models.catalogue_admin import (
    CatalogueItemNotFound,
    delete_product,
    move_product,
    set_product_available,
    update_product,
)
from models.catalogue_input import TITLE_MAX, parse_price, read_description, read_name
from models.channel_posts import get_post
from models.conversations import Conversation

EDIT = "product.edit"


async def product_screen(request: Request, product_id: int) -> tuple[str, InlineKeyboardMarkup]:
    """The product's screen; the categories' screen when it is gone."""
    product = await get_product(product_id)
    if product is None:
        return await categories_screen(request)
    variants = await list_variants(product_id)
    photos = await list_photos(product_id)
    lines = [
        request.t("acat.variant.line", label=variant_label(v), sku=v.sku, stock=v.stock)
        for v in variants
    ]
    state = "acat.product.on_sale" if product.is_available else "acat.product.withdrawn"
    text = request.t(
        "acat.product",
        title=product.title,
        price=format_price(int(product.price), request.deps.settings.currency),
        state=request.t(state),
        description=product.description or "—",
        variants="\n".join(lines) or "—",
    )
    return text, product_keyboard(request, product, len(photos))


async def show_product(request: Request, query: CallbackQuery, callback: Callback) -> None:
    text, markup = await product_screen(request, callback.integer(0) or 0)
    await show_screen(request, query, text, markup)


async def send_product(request: Request, product_id: int) -> None:
    text, markup = await product_screen(request, product_id)
    await send_screen(request, text, markup)


async def toggle_available(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id, available = callback.integer(0) or 0, callback.integer(1) == 1
    try:
        await set_product_available(request.user_id, product_id, available)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await product_screen(request, product_id)
    toast = request.t("acat.product.offered" if available else "acat.product.withdrawn_now")
    await show_screen(request, query, text, markup, toast=toast)


async def ask_delete(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id = callback.integer(0) or 0
    product = await get_product(product_id)
    if product is None:
        await query.answer(request.t("acat.gone"))
        return
    text = request.t("acat.product.delete_question", title=product.title)
    await show_screen(request, query, text, delete_product_keyboard(request, product_id))


async def delete(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id = callback.integer(0) or 0
    post = await get_post(product_id)
    if post is not None:
        # Its channel post goes first: once the product is gone, the Channel screen
        # can no longer list it to take the post down.
        try:
            await unpublish(request.client, post)
        except ChannelRefused as refused:
            logger.warning("the post of product {} stays: {}", product_id, refused)
    try:
        category_id = await delete_product(request.user_id, product_id)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await category_text(request, category_id, 0)
    await show_screen(request, query, text, markup, toast=request.t("acat.product.deleted"))


async def pick_category(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product = await get_product(callback.integer(0) or 0)
    if product is None:
        await query.answer(request.t("acat.gone"))
        return
    categories = await list_categories(include_hidden=True)
    text = request.t("acat.product.move_to", title=product.title)
    await show_screen(request, query, text, move_keyboard(request, product, categories))


async def move(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id = callback.integer(0) or 0
    try:
        await move_product(request.user_id, product_id, callback.integer(1) or 0)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await product_screen(request, product_id)
    await show_screen(request, query, text, markup, toast=request.t("acat.product.moved"))


# -- editing a field by typing ---------------------------------------------------------


async def ask_field(request: Request, conversation: Conversation, note: str) -> None:
    key = f"acat.ask.{conversation.step}"
    await ask_question(request, conversation, key, note, limit=TITLE_MAX)


def _read_value(step: str, typed: str) -> str | int | None:
    if step == "title":
        return read_name(typed, TITLE_MAX)
    if step == "description":
        return read_description(typed)
    return parse_price(typed)


async def read_field(request: Request, conversation: Conversation, message: Message) -> Outcome:
    value = _read_value(conversation.step, message.text or "")
    if value is None:
        return f"acat.bad.{conversation.step}"
    product_id = conversation.integer("product_id") or 0
    try:
        await update_product(request.user_id, product_id, conversation.step, value)
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    await send_product(request, product_id)
    return DONE


define(EDIT, {field: Step(ask_field, read_field) for field in ("title", "description", "price")})


async def start_edit(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id, field = callback.integer(0) or 0, callback.text(1)
    if await get_product(product_id) is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, EDIT, field, product_id=product_id)


def register(router: Router) -> None:
    router.on_callback(a.PRODUCT, show_product)
    router.on_callback(a.PRODUCT_EDIT, start_edit)
    router.on_callback(a.PRODUCT_AVAILABLE, toggle_available)
    router.on_callback(a.PRODUCT_DELETE_ASK, ask_delete)
    router.on_callback(a.PRODUCT_DELETE, delete)
    router.on_callback(a.PRODUCT_CATEGORIES, pick_category)
    router.on_callback(a.PRODUCT_MOVE, move)
