"""Checkout's questions as messages: each with a reply keyboard of its likely answers and
"Cancel". Answers typed on those keyboards come back as text, so `is_label` recognises
a label in either language (the shopper may switch language halfway)."""

from __future__ import annotations

from collections.abc import Sequence

from pyrogram.enums import ParseMode
from pyrogram.types import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, User

from bot.checkout.flow import ADDRESS, COMMENT, DELIVERY, NAME, PHONE
from bot.checkout.inputs import clean_name
from bot.context import Request
from bot.language import LANGUAGES
from bot.screens import send_text
from bot.texts import text

QUESTION_KEYS = {
    NAME: "checkout.ask_name",
    PHONE: "checkout.ask_phone",
    DELIVERY: "checkout.ask_delivery",
    ADDRESS: "checkout.ask_address",
    COMMENT: "checkout.ask_comment",
}


def is_label(key: str, typed: str) -> bool:
    """Whether `typed` is the label `key` in any language."""
    return any(typed.strip() == text(key, language) for language in LANGUAGES)


def profile_name(user: User | None) -> str:
    """The name the shopper's Telegram profile gives, cleaned as a typed name would be
    ("" without one, or when the name question would refuse it): the question suggests
    it on a button, every time it is asked."""
    if user is None:
        return ""
    return clean_name(" ".join(part for part in (user.first_name, user.last_name) if part)) or ""


def delivery_choice(typed: str, methods: Sequence[str]) -> str | None:
    """The delivery method whose button label `typed` is, if any."""
    return next((m for m in methods if is_label(f"checkout.delivery.{m}", typed)), None)


def _keyboard(request: Request, *rows: list[KeyboardButton]) -> ReplyKeyboardMarkup:
    keys: list[list[KeyboardButton | str]] = [list(row) for row in rows if row]
    keys.append([KeyboardButton(request.t("checkout.cancel_button"))])
    return ReplyKeyboardMarkup(keys, resize_keyboard=True)


def question_keyboard(request: Request, step: str, suggested_name: str) -> ReplyKeyboardMarkup:
    if step == NAME:
        return _keyboard(request, [KeyboardButton(suggested_name)] if suggested_name else [])
    if step == PHONE:
        share = KeyboardButton(request.t("checkout.share_phone"), request_contact=True)
        return _keyboard(request, [share])
    if step == DELIVERY:
        methods = request.deps.settings.delivery_methods
        return _keyboard(
            request, [KeyboardButton(request.t(f"checkout.delivery.{m}")) for m in methods]
        )
    if step == COMMENT:
        return _keyboard(request, [KeyboardButton(request.t("checkout.skip"))])
    return _keyboard(request)


async def ask(request: Request, step: str, *, suggested_name: str = "", note: str = "") -> None:
    """Send the question of `step` (after `note`, e.g. why the last answer would not do)."""
    question = request.t(QUESTION_KEYS[step])
    await send_text(
        request.client,
        request.user_id,
        f"{note}\n\n{question}" if note else question,
        parse_mode=ParseMode.DISABLED,
        reply_markup=question_keyboard(request, step, suggested_name),
    )


async def say_and_close_keyboard(request: Request, message: str) -> None:
    """A message that also takes checkout's reply keyboard away."""
    await send_text(
        request.client,
        request.user_id,
        message,
        parse_mode=ParseMode.DISABLED,
        reply_markup=ReplyKeyboardRemove(),
    )
