"""An order's card sent from the desk (a list, a search), and a pressed card shown
again as the order is now. A card sent here is recorded (`models.order_cards`), so the
order's later changes edit it like the cards the order processor sends."""

from __future__ import annotations

from pyrogram.enums import ParseMode
from pyrogram.types import CallbackQuery

from bot.admin.order_cards import card_markup, card_text, load_card
from bot.admin.orders.actions import OPEN
from bot.callbacks import Callback
from bot.context import Request
from bot.orders.views import status_label
from bot.router import Router
from bot.screens import edit_pressed, send_screen
from bot.text_limits import MESSAGE_LIMIT, cut
from models.order_cards import record_card


async def send_card(request: Request, order_id: int) -> bool:
    """Send the order's card to the admin; False when there is no such order."""
    card = await load_card(order_id)
    if card is None:
        return False
    headline = request.t("admin_order.updated", number=order_id)
    body = card_text(card, headline=headline, language=request.language)
    markup = card_markup(request.deps.callbacks, request.user_id, card, request.language)
    sent = await send_screen(request, body, markup)
    if sent is not None:
        await record_card(order_id, request.user_id, sent)
    return True


async def show_outdated(request: Request, query: CallbackQuery, order_id: int) -> None:
    """A press the order's status no longer allows: answered with the status it has now,
    and the pressed card shown as the order is now. Nothing changes."""
    card = await load_card(order_id)
    if card is None:
        await query.answer(request.t("admin_order.not_found"), show_alert=True)
        return
    status = status_label(card.order.status, request.language)
    note = request.t("admin_order.refused", number=order_id, status=status)
    headline = request.t("admin_order.updated", number=order_id)
    body = card_text(card, headline=headline, language=request.language)
    markup = card_markup(request.deps.callbacks, request.user_id, card, request.language)
    await query.answer(note, show_alert=True)
    shown = cut(f"{note}\n\n{body}", MESSAGE_LIMIT)
    await edit_pressed(request, query, shown, markup, parse_mode=ParseMode.DISABLED)


async def open_order(request: Request, query: CallbackQuery, callback: Callback) -> None:
    order_id = callback.integer(0)
    if order_id is None or not await send_card(request, order_id):
        await query.answer(request.t("aord.gone"), show_alert=True)
        return
    await query.answer()


def register(router: Router) -> None:
    router.on_callback(OPEN, open_order)
