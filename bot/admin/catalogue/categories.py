"""Categories: the list, one category's screen (its products, paged), and creating,
renaming, moving, hiding and deleting (only when empty) a category."""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.admin.catalogue import actions as a
from bot.admin.catalogue.keyboards import PAGE_SIZE, categories_keyboard, category_keyboard
from bot.admin.conversation import DONE, Outcome, Step, ask_question, begin, define
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen, show_screen
from models.catalogue import (
    count_products_by_category,
    get_category,
    list_categories,
    page_of_products,
)
from models.catalogue_admin import (
    CatalogueItemNotFound,
    CategoryNotEmpty,
    create_category,
    delete_category,
    move_category,
    rename_category,
    set_category_hidden,
)
from models.catalogue_input import CATEGORY_NAME_MAX, read_name
from models.conversations import Conversation

NEW, RENAME = "category.new", "category.rename"


async def categories_screen(request: Request) -> tuple[str, InlineKeyboardMarkup]:
    categories = await list_categories(include_hidden=True)
    counts = await count_products_by_category()
    key = "acat.categories" if categories else "acat.categories.none"
    return request.t(key), categories_keyboard(request, categories, counts)


async def show_categories(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    text, markup = await categories_screen(request)
    await show_screen(request, query, text, markup)


async def category_text(
    request: Request, category_id: int, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    category = await get_category(category_id)
    if category is None:
        return await categories_screen(request)
    products, total = await page_of_products(category_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
    state = request.t("acat.hidden" if category.is_hidden else "acat.visible")
    text = request.t("acat.category", name=category.name, state=state, count=total)
    return text, category_keyboard(request, category, products, page, total)


async def show_category(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id, page = callback.integer(0) or 0, callback.integer(1) or 0
    text, markup = await category_text(request, category_id, page)
    await show_screen(request, query, text, markup)


async def send_category(request: Request, category_id: int) -> None:
    text, markup = await category_text(request, category_id, 0)
    await send_screen(request, text, markup)


# -- buttons that change a category ----------------------------------------------------


async def move(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id, step = callback.integer(0) or 0, callback.integer(1) or 0
    try:
        moved = await move_category(request.user_id, category_id, step)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await categories_screen(request)
    await show_screen(
        request, query, text, markup, toast=None if moved else request.t("acat.at_the_end")
    )


async def hide(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id, hidden = callback.integer(0) or 0, callback.integer(1) == 1
    try:
        await set_category_hidden(request.user_id, category_id, hidden)
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await category_text(request, category_id, 0)
    toast = request.t("acat.category.hidden" if hidden else "acat.category.shown")
    await show_screen(request, query, text, markup, toast=toast)


async def delete(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id = callback.integer(0) or 0
    try:
        await delete_category(request.user_id, category_id)
    except CategoryNotEmpty as full:
        await query.answer(request.t("acat.category.not_empty", count=full.products), True)
        return
    except CatalogueItemNotFound:
        await query.answer(request.t("acat.gone"))
        return
    text, markup = await categories_screen(request)
    toast = request.t("acat.category.deleted")
    await show_screen(request, query, text, markup, toast=toast)


# -- conversations: a new category, a new name -----------------------------------------


async def ask_name(request: Request, conversation: Conversation, note: str) -> None:
    await ask_question(
        request, conversation, "acat.category.ask_name", note, limit=CATEGORY_NAME_MAX
    )


async def read_new_name(request: Request, _c: Conversation, message: Message) -> Outcome:
    name = read_name(message.text or "", CATEGORY_NAME_MAX)
    if name is None:
        return "acat.category.bad_name"
    category_id = await create_category(request.user_id, name)
    await send_category(request, category_id)
    return DONE


async def read_rename(request: Request, conversation: Conversation, message: Message) -> Outcome:
    name = read_name(message.text or "", CATEGORY_NAME_MAX)
    category_id = conversation.integer("category_id")
    if name is None:
        return "acat.category.bad_name"
    if category_id is None:
        return DONE
    try:
        await rename_category(request.user_id, category_id, name)
    except CatalogueItemNotFound:
        await message.reply_text(request.t("acat.gone"))
        return DONE
    await send_category(request, category_id)
    return DONE


define(NEW, {"name": Step(ask_name, read_new_name)})
define(RENAME, {"name": Step(ask_name, read_rename)})


async def start_new(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    await begin(request, NEW, "name")


async def start_rename(request: Request, query: CallbackQuery, callback: Callback) -> None:
    category_id = callback.integer(0) or 0
    if await get_category(category_id) is None:
        await query.answer(request.t("acat.gone"))
        return
    await query.answer()
    await begin(request, RENAME, "name", category_id=category_id)


def register(router: Router) -> None:
    router.on_callback(a.CATALOGUE, show_categories)
    router.on_callback(a.CATEGORY, show_category)
    router.on_callback(a.CATEGORY_NEW, start_new)
    router.on_callback(a.CATEGORY_RENAME, start_rename)
    router.on_callback(a.CATEGORY_MOVE, move)
    router.on_callback(a.CATEGORY_HIDE, hide)
    router.on_callback(a.CATEGORY_DELETE, delete)
