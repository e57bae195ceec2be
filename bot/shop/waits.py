"""Back in stock, the shopper's side: "Notify me" on a sold-out size, and the list of
their waits (the menu's "Waiting for", or /waits), where a press cancels one.

A wait is stored only for a size that exists and is sold out now; one already in stock
is answered "in stock now" (the shopper can order it), and nothing is stored. When the
size comes back the order processor marks the waits due and the broadcast sender tells
each shopper once (`models.stock_waits`, `actors.broadcast.stock_notices`).
"""

from __future__ import annotations

from pyrogram import filters
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.router import Router
from bot.screens import refuse, send_screen, show_screen
from bot.shop.actions import MENU, WAIT_CANCEL, WAIT_FOR, WAITS
from bot.shop.card import variant_label
from models.catalogue import ProductVariant
from models.stock_waits import (
    TooManyWaits,
    WaitView,
    cancel_wait,
    create_wait,
    list_waits,
)


async def press_wait_for(request: Request, query: CallbackQuery, callback: Callback) -> None:
    variant_id = callback.integer(0)
    if variant_id is None:
        await refuse(request, query, "stale_button")
        return
    variant = await ProductVariant.objects().where(ProductVariant.id == variant_id).first().run()
    if variant is None:
        await refuse(request, query, "catalog.variant_gone")
        return
    if variant.stock > 0:
        await refuse(request, query, "waits.in_stock_now")
        return
    try:
        added = await create_wait(request.user_id, variant_id)
    except TooManyWaits:
        await query.answer(request.t("waits.too_many"), show_alert=True)
        return
    label = variant_label(variant.size, variant.colour)
    await query.answer(request.t("waits.added" if added else "waits.already", variant=label))


def waits_markup(request: Request, waits: list[WaitView]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                request,
                request.t(
                    "waits.cancel", title=wait.title, variant=variant_label(wait.size, wait.colour)
                ),
                WAIT_CANCEL,
                wait.id,
            )
        ]
        for wait in waits
    ]
    return keyboard(*rows, [button(request, request.t("menu.back"), MENU)])


async def waits_screen(request: Request) -> tuple[str, InlineKeyboardMarkup]:
    waits = await list_waits(request.user_id)
    title = request.t("waits.title" if waits else "waits.none")
    return title, waits_markup(request, waits)


async def show_waits(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, *await waits_screen(request))


async def send_waits(request: Request, _message: Message) -> None:
    await send_screen(request, *await waits_screen(request))


async def press_cancel(request: Request, query: CallbackQuery, callback: Callback) -> None:
    wait_id = callback.integer(0)
    if wait_id is None:
        await refuse(request, query, "stale_button")
        return
    cancelled = await cancel_wait(request.user_id, wait_id)
    toast = request.t("waits.cancelled" if cancelled else "waits.gone")
    await show_screen(request, query, *await waits_screen(request), toast=toast)


def register(router: Router) -> None:
    router.on_message(send_waits, filters.private & filters.command("waits"))
    router.on_callback(WAIT_FOR, press_wait_for)
    router.on_callback(WAITS, show_waits)
    router.on_callback(WAIT_CANCEL, press_cancel)
