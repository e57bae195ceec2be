"""The catalogue back office's keyboards: pure functions of what they show."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.actions import MENU
from bot.admin.catalogue import actions as a
from bot.callbacks import Action, Value
from bot.context import Request
from bot.keyboards import Row, button, keyboard
from models.catalogue import Category, Product, ProductPhoto, ProductVariant

PAGE_SIZE = 8


def back(request: Request, key: str, action: Action, *args: Value) -> Row:
    return [button(request, request.t(key), action, *args)]


def variant_label(variant: ProductVariant) -> str:
    return f"{variant.size} / {variant.colour}" if variant.colour else str(variant.size)


def categories_keyboard(
    request: Request, categories: Sequence[Category], counts: dict[int, int]
) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    for category in categories:
        hidden = " 🙈" if category.is_hidden else ""
        label = f"{category.name} ({counts.get(int(category.id), 0)}){hidden}"
        rows.append([button(request, label, a.CATEGORY, int(category.id), 0)])
    rows.append([button(request, request.t("acat.category.new"), a.CATEGORY_NEW)])
    rows.append(back(request, "admin.menu.back", MENU))
    return keyboard(*rows)


def category_keyboard(
    request: Request, category: Category, products: Sequence[Product], page: int, total: int
) -> InlineKeyboardMarkup:
    category_id = int(category.id)
    rows: list[Row] = []
    for product in products:
        mark = "" if product.is_available else "⚪ "
        rows.append([button(request, f"{mark}{product.title}", a.PRODUCT, int(product.id))])
    paging: list[InlineKeyboardButton] = []
    if page > 0:
        paging.append(button(request, "◀", a.CATEGORY, category_id, page - 1))
    if (page + 1) * PAGE_SIZE < total:
        paging.append(button(request, "▶", a.CATEGORY, category_id, page + 1))
    hide = 0 if category.is_hidden else 1
    return keyboard(
        *rows,
        paging,
        [button(request, request.t("acat.product.new"), a.PRODUCT_NEW, category_id)],
        [
            button(request, request.t("acat.category.rename"), a.CATEGORY_RENAME, category_id),
            button(
                request,
                request.t("acat.category.show" if category.is_hidden else "acat.category.hide"),
                a.CATEGORY_HIDE,
                category_id,
                hide,
            ),
        ],
        [
            button(request, "⬆", a.CATEGORY_MOVE, category_id, -1),
            button(request, "⬇", a.CATEGORY_MOVE, category_id, 1),
            button(request, request.t("acat.delete"), a.CATEGORY_DELETE, category_id),
        ],
        back(request, "acat.back.categories", a.CATALOGUE),
    )


def product_keyboard(request: Request, product: Product, photos: int) -> InlineKeyboardMarkup:
    product_id = int(product.id)
    available = "acat.product.withdraw" if product.is_available else "acat.product.offer"
    return keyboard(
        [
            button(request, request.t("acat.edit.title"), a.PRODUCT_EDIT, product_id, "title"),
            button(request, request.t("acat.edit.price"), a.PRODUCT_EDIT, product_id, "price"),
        ],
        [
            button(
                request,
                request.t("acat.edit.description"),
                a.PRODUCT_EDIT,
                product_id,
                "description",
            )
        ],
        [
            button(request, request.t("acat.variants"), a.VARIANTS, product_id),
            button(request, request.t("acat.photos", count=photos), a.PHOTOS, product_id),
        ],
        [button(request, request.t("acat.product.category"), a.PRODUCT_CATEGORIES, product_id)],
        [
            button(
                request,
                request.t(available),
                a.PRODUCT_AVAILABLE,
                product_id,
                0 if product.is_available else 1,
            ),
            button(request, request.t("acat.delete"), a.PRODUCT_DELETE_ASK, product_id),
        ],
        back(request, "acat.back.category", a.CATEGORY, int(product.category), 0),
    )


def delete_product_keyboard(request: Request, product_id: int) -> InlineKeyboardMarkup:
    return keyboard(
        [button(request, request.t("acat.product.delete_yes"), a.PRODUCT_DELETE, product_id)],
        back(request, "acat.back.product", a.PRODUCT, product_id),
    )


def variants_keyboard(
    request: Request, product_id: int, variants: Sequence[ProductVariant]
) -> InlineKeyboardMarkup:
    rows: list[Row] = [
        [
            button(
                request,
                request.t("acat.variant.stock", label=variant_label(variant), stock=variant.stock),
                a.VARIANT_STOCK,
                int(variant.id),
            ),
            button(request, request.t("acat.variant.sku"), a.VARIANT_SKU, int(variant.id)),
            button(request, "🗑", a.VARIANT_DELETE, int(variant.id)),
        ]
        for variant in variants
    ]
    grid = [
        button(request, request.t("acat.grid.add_size"), a.GRID_ADD, product_id, "size"),
        button(request, request.t("acat.grid.add_colour"), a.GRID_ADD, product_id, "colour"),
    ]
    return keyboard(*rows, grid, back(request, "acat.back.product", a.PRODUCT, product_id))


def move_keyboard(
    request: Request, product: Product, categories: Sequence[Category]
) -> InlineKeyboardMarkup:
    """A button per other category to move the product to."""
    product_id = int(product.id)
    rows: list[Row] = [
        [button(request, str(category.name), a.PRODUCT_MOVE, product_id, int(category.id))]
        for category in categories
        if int(category.id) != int(product.category)
    ]
    return keyboard(*rows, back(request, "acat.back.product", a.PRODUCT, product_id))


def photos_keyboard(
    request: Request, product_id: int, photos: Sequence[ProductPhoto]
) -> InlineKeyboardMarkup:
    rows: list[Row] = []
    for number, photo in enumerate(photos, start=1):
        photo_id = int(photo.id)
        rows.append(
            [
                button(request, f"{number} ⬆", a.PHOTO_MOVE, photo_id, -1),
                button(request, f"{number} ⬇", a.PHOTO_MOVE, photo_id, 1),
                button(request, f"{number} 🔁", a.PHOTO_REPLACE, photo_id),
                button(request, f"{number} 🗑", a.PHOTO_DELETE, photo_id),
            ]
        )
    extra: list[InlineKeyboardButton] = []
    if photos:
        extra.append(button(request, request.t("acat.photos.show"), a.PHOTOS_SHOW, product_id))
    extra.append(button(request, request.t("acat.photos.add"), a.PHOTOS_ADD, product_id))
    return keyboard(*rows, extra, back(request, "acat.back.product", a.PRODUCT, product_id))
