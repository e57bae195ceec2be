"""Checkout: a conversation from the cart's "Checkout" button to a `PlaceOrder` message.

Every answer is stored before the next question is asked (`models.checkout`), so the
conversation survives a restart of the bot. "Cancel" or `/start` at any question leaves
cleanly: the conversation is deleted and its reply keyboard taken away. Only the lines
of the cart that can be ordered now are checked out (the others are named and stay in
the cart). Confirming stores the chosen lines with the step `placing` and sends
`PlaceOrder`: the order processor writes the order and tells the shopper its number
(it also finds `placing` checkouts by itself, so a lost message loses no order).
"""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar
from dataclasses import replace

from loguru import logger
from pyrogram import filters
from pyrogram.errors.rpc_error import RPCError
from pyrogram.types import CallbackQuery, Message

from bot.callbacks import Callback
from bot.checkout.actions import BACK, CANCEL, CONFIRM, EDIT, EDIT_FIELD, START
from bot.checkout.answers import read_answer
from bot.checkout.flow import EDITABLE, NAME, PHONE, PLACING, QUESTIONS, SUMMARY, answered, editing
from bot.checkout.prompts import ask, is_label, profile_name, say_and_close_keyboard
from bot.checkout.summary import (
    confirm_markup,
    edit_markup,
    send_summary,
    unavailable_lines,
)
from bot.commands import PlaceOrder
from bot.context import Request
from bot.router import Router
from bot.screens import put_screen, send_screen, show_screen
from bot.shop.start import handle_start
from models.carts import AnyLine, CartLine, checkout_lines_of
from models.checkout import (
    Checkout,
    end_checkout,
    get_checkout,
    save_checkout,
    start_checkout,
)
from models.users import set_phone


async def cart_for_checkout(request: Request) -> tuple[list[CartLine], list[AnyLine]]:
    """(lines that can be ordered now, lines that cannot) of the shopper's cart."""
    return await checkout_lines_of(request.user_id)


# -- starting ---------------------------------------------------------------------------


async def begin(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    available, unavailable = await cart_for_checkout(request)
    if not available:
        key = "checkout.nothing_available" if unavailable else "checkout.cart_empty"
        await query.answer()
        await send_screen(request, request.t(key, lines=unavailable_lines(request, unavailable)))
        return
    checkout = await start_checkout(request.user_id, NAME, {})
    if checkout is None:
        await query.answer(request.t("checkout.already_placing"), show_alert=True)
        return
    await query.answer()
    note = ""
    if unavailable:
        note = request.t("checkout.some_unavailable", lines=unavailable_lines(request, unavailable))
    await ask(request, NAME, suggested_name=profile_name(query.from_user), note=note)


# -- answers ----------------------------------------------------------------------------


#: The checkout the filter read for the message being handled (same task): the handler
#: takes it from here, so the row is read once per message.
_current: ContextVar[tuple[int, Checkout | None] | None] = ContextVar("_current", default=None)


async def _has_checkout(_filter: object, _client: object, message: Message) -> bool:
    user = message.from_user
    if user is None:
        return False
    checkout = await get_checkout(user.id)
    _current.set((message.id, checkout))
    return checkout is not None


async def _checkout_of(request: Request, message: Message) -> Checkout | None:
    """The checkout `has_checkout` read for this message, or read now."""
    current = _current.get()
    if current is not None and current[0] == message.id:
        return current[1]
    return await get_checkout(request.user_id)


async def _looks_like_an_answer(_filter: object, _client: object, message: Message) -> bool:
    if message.contact is not None:
        return True
    typed = message.text
    return typed is not None and bool(typed) and not typed.startswith("/")


has_checkout = filters.create(_has_checkout, "has_checkout")
looks_like_an_answer = filters.create(_looks_like_an_answer, "looks_like_an_answer")


async def handle_answer(request: Request, message: Message) -> None:
    checkout = await _checkout_of(request, message)
    if checkout is None:
        return
    typed = message.text or ""
    if typed and is_label("checkout.cancel_button", typed):
        await leave(request, checkout)
        return
    if checkout.step == PLACING:
        await message.reply_text(request.t("checkout.already_placing"))
        return
    if checkout.step == SUMMARY:
        await send_screen(
            request, request.t("checkout.confirm_question"), confirm_markup(request, checkout.key)
        )
        return
    answer = read_answer(request, checkout.step, message)
    if answer.value is None:
        suggested = profile_name(message.from_user)
        await ask(request, checkout.step, suggested_name=suggested, note=request.t(answer.problem))
        return
    moved = answered(checkout, answer.value)
    if not await save_checkout(moved):
        return  # ended meanwhile (by another of the shopper's devices)
    if checkout.step == PHONE:
        await set_phone(request.user_id, answer.value)
    await go_on(request, moved)


async def go_on(request: Request, checkout: Checkout) -> None:
    """Ask the checkout's current question, or show the summary."""
    if checkout.step != SUMMARY:
        await ask(request, checkout.step)
        return
    available, unavailable = await cart_for_checkout(request)
    if not available:
        await end_checkout(request.user_id)
        await say_and_close_keyboard(
            request,
            request.t("checkout.nothing_available", lines=unavailable_lines(request, unavailable)),
        )
        return
    await send_summary(request, checkout, available)


async def leave(request: Request, checkout: Checkout, query: CallbackQuery | None = None) -> None:
    """End the conversation; say so, taking the questions' keyboard away if it shows."""
    if not await end_checkout(request.user_id):
        note = request.t("checkout.already_placing")
        if query is not None:
            await query.answer(note)
        else:
            await say_and_close_keyboard(request, note)
        return
    if query is not None and checkout.step not in QUESTIONS:
        await show_screen(request, query, request.t("checkout.cancelled"))
        return
    if query is not None:
        await query.answer()
    await say_and_close_keyboard(request, request.t("checkout.cancelled"))


async def restart(request: Request, message: Message) -> None:
    """`/start` during checkout: leave it cleanly, then what `/start` always does."""
    if await end_checkout(request.user_id):
        await say_and_close_keyboard(request, request.t("checkout.cancelled"))
    await handle_start(request, message)


# -- the summary's buttons --------------------------------------------------------------


async def _this_checkout(
    request: Request, query: CallbackQuery, callback: Callback
) -> Checkout | None:
    """The shopper's checkout the button belongs to, at its summary; otherwise the press
    is answered (or the pending question asked again) and None returned."""
    checkout = await get_checkout(request.user_id)
    if checkout is None or checkout.key != callback.text(0):
        await query.answer(request.t("checkout.over"))
        return None
    if checkout.step == PLACING:
        await query.answer(request.t("checkout.already_placing"))
        return None
    if checkout.step != SUMMARY:
        await query.answer()
        await ask(request, checkout.step, suggested_name=profile_name(query.from_user))
        return None
    return checkout


async def confirm(request: Request, query: CallbackQuery, callback: Callback) -> None:
    checkout = await _this_checkout(request, query, callback)
    if checkout is None:
        return
    available, unavailable = await cart_for_checkout(request)
    if not available:
        await end_checkout(request.user_id)
        await show_screen(
            request,
            query,
            request.t("checkout.nothing_available", lines=unavailable_lines(request, unavailable)),
        )
        return
    lines = [[line.variant_id, line.quantity] for line in available]
    placing = replace(checkout, step=PLACING, data={**checkout.data, "lines": lines})
    if not await save_checkout(placing):
        await query.answer(request.t("checkout.over"))
        return
    # "Placing…" first, so it never lands after the processor's "Order #N is placed!".
    # The checkout is already stored as `placing`, and that is the request: the processor
    # finds it within seconds even if this edit fails or `PlaceOrder` is never sent. The
    # press is answered after `PlaceOrder` is sent, so the order does not wait for it.
    try:
        await put_screen(request, query, request.t("checkout.placing"))
    except RPCError as error:  # e.g. a long FLOOD_WAIT: place the order all the same
        logger.warning("'placing' not shown to {} ({}); placing anyway", request.user_id, error.ID)
        await request.deps.orders.send(PlaceOrder(request.user_id, checkout.key))
        with suppress(RPCError):  # at least stop the button's spinner
            await query.answer(request.t("checkout.placing"))
        return
    await request.deps.orders.send(PlaceOrder(request.user_id, checkout.key))
    await query.answer()


async def offer_edits(request: Request, query: CallbackQuery, callback: Callback) -> None:
    checkout = await _this_checkout(request, query, callback)
    if checkout is not None:
        markup = edit_markup(request, checkout.key)
        await show_screen(request, query, request.t("checkout.edit_question"), markup)


async def edit_answer(request: Request, query: CallbackQuery, callback: Callback) -> None:
    checkout = await _this_checkout(request, query, callback)
    if checkout is None:
        return
    question = callback.text(1)
    if question not in EDITABLE:
        await query.answer(request.t("stale_button"))
        return
    reopened = editing(checkout, question)
    if await save_checkout(reopened):
        await query.answer()
        await ask(request, question, suggested_name=profile_name(query.from_user))


async def back_to_summary(request: Request, query: CallbackQuery, callback: Callback) -> None:
    checkout = await _this_checkout(request, query, callback)
    if checkout is not None:
        markup = confirm_markup(request, checkout.key)
        await show_screen(request, query, request.t("checkout.confirm_question"), markup)


async def cancel(request: Request, query: CallbackQuery, callback: Callback) -> None:
    checkout = await get_checkout(request.user_id)
    if checkout is None or checkout.key != callback.text(0):
        await query.answer(request.t("checkout.over"))
        return
    await leave(request, checkout, query)


def register(router: Router) -> None:
    answers = filters.private & looks_like_an_answer & has_checkout
    router.on_message(restart, filters.private & filters.command("start") & has_checkout)
    router.on_message(handle_answer, answers)
    router.on_callback(START, begin)
    router.on_callback(CONFIRM, confirm)
    router.on_callback(EDIT, offer_edits)
    router.on_callback(EDIT_FIELD, edit_answer)
    router.on_callback(BACK, back_to_summary)
    router.on_callback(CANCEL, cancel)
