"""Reading one checkout answer from a message: the cleaned value, or why it will not do."""

from __future__ import annotations

from dataclasses import dataclass

from pyrogram.types import Message

from bot.checkout.flow import ADDRESS, COMMENT, DELIVERY, NAME, PHONE
from bot.checkout.inputs import clean_address, clean_comment, clean_name, clean_phone
from bot.checkout.prompts import delivery_choice, is_label
from bot.context import Request


@dataclass(frozen=True)
class Answer:
    value: str | None  # None: not usable
    problem: str = ""  # the text key that says why


def _phone(request: Request, message: Message) -> Answer:
    contact = message.contact
    if contact is not None:
        if contact.user_id is not None and contact.user_id != request.user_id:
            return Answer(None, "checkout.foreign_contact")
        phone = clean_phone(contact.phone_number or "")
        if phone is not None and not phone.startswith("+"):
            phone = f"+{phone}"  # Telegram sends contacts' numbers without the +
        return Answer(phone, "checkout.bad_phone")
    return Answer(clean_phone(message.text or ""), "checkout.bad_phone")


def read_answer(request: Request, step: str, message: Message) -> Answer:
    typed = message.text or ""
    if step == PHONE:
        return _phone(request, message)
    if step == NAME:
        return Answer(clean_name(typed), "checkout.bad_name")
    if step == DELIVERY:
        methods = request.deps.settings.delivery_methods
        return Answer(delivery_choice(typed, methods), "checkout.bad_delivery")
    if step == ADDRESS:
        return Answer(clean_address(typed), "checkout.bad_address")
    if step == COMMENT:
        if is_label("checkout.skip", typed):
            return Answer("")
        return Answer(clean_comment(typed) if typed else None, "checkout.bad_comment")
    raise ValueError(f"{step!r} is not a checkout question")
