"""The Channel screen: every product, paged, each with Publish or Unpublish.

Publishing posts the product's card to the channel (`posts.publish`); unpublishing
deletes the post. Both are audited (`channel.publish`, `channel.unpublish`). A channel
not configured, or one where Telegram does not let the bot post, is explained to the
admin in a message (longer than a button's notice allows); nothing is stored then.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery

from bot.admin.channel import posts
from bot.admin.channel.actions import CHANNEL, CHANNEL_PAGE, PUBLISH, UNPUBLISH
from bot.admin.channel.keyboards import back_markup, products_markup
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import refuse, send_screen, show_screen
from models.admins import record_audit
from models.channel_posts import (
    LIVE,
    get_post,
    message_ids_of,
    products_page,
    published_product_ids,
)

PER_PAGE = 8


async def show_products(request: Request, query: CallbackQuery, page: int, toast: str = "") -> None:
    products, total = await products_page(page * PER_PAGE, PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    if not products and page > 0:  # the page emptied meanwhile: show the last one
        page = pages - 1
        products, total = await products_page(page * PER_PAGE, PER_PAGE)
    if not products:
        await show_screen(request, query, request.t("channel.empty"), back_markup(request, 0))
        return
    published = await published_product_ids([int(product.id) for product in products])
    await show_screen(
        request,
        query,
        request.t("channel.title", page=page + 1, pages=pages),
        products_markup(request, products, published, page, pages),
        toast=toast or None,
    )


async def open_section(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_products(request, query, 0)


async def open_page(request: Request, query: CallbackQuery, callback: Callback) -> None:
    await show_products(request, query, callback.integer(0) or 0)


async def explain(request: Request, query: CallbackQuery, text: str, page: int) -> None:
    """A refusal too long for a button's notice: a message, and the press answered."""
    await send_screen(request, text, back_markup(request, page))
    await query.answer()


async def press_publish(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id, page = callback.integer(0), callback.integer(1) or 0
    if product_id is None:
        await refuse(request, query, "stale_button")
        return
    settings = request.deps.settings
    try:
        post = await posts.publish(request.client, settings, product_id)
    except posts.ChannelNotSet:
        await explain(request, query, request.t("channel.not_configured"), page)
        return
    except posts.ChannelRefused as refused:
        await explain(request, query, request.t("channel.refused", reason=refused.reason), page)
        return
    except posts.ProductGone:
        await show_products(request, query, page, request.t("channel.product_gone"))
        return
    await record_audit(
        request.user_id,
        "channel.publish",
        str(product_id),
        {"chat": int(post.chat_id), "thread": post.thread_id, "messages": message_ids_of(post)},
    )
    toast = "channel.published" if post.state == LIVE else "channel.published_sold_out"
    await show_products(request, query, page, request.t(toast))


async def press_unpublish(request: Request, query: CallbackQuery, callback: Callback) -> None:
    product_id, page = callback.integer(0), callback.integer(1) or 0
    if product_id is None:
        await refuse(request, query, "stale_button")
        return
    post = await get_post(product_id)
    if post is None:
        await show_products(request, query, page, request.t("channel.already_gone"))
        return
    try:
        await posts.unpublish(request.client, post)
    except posts.ChannelRefused as refused:
        await explain(request, query, request.t("channel.refused", reason=refused.reason), page)
        return
    await record_audit(
        request.user_id,
        "channel.unpublish",
        str(product_id),
        {"chat": int(post.chat_id), "messages": message_ids_of(post)},
    )
    await show_products(request, query, page, request.t("channel.unpublished"))


def register(router: Router) -> None:
    router.on_callback(CHANNEL, open_section)
    router.on_callback(CHANNEL_PAGE, open_page)
    router.on_callback(PUBLISH, press_publish)
    router.on_callback(UNPUBLISH, press_unpublish)
