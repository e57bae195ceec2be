"""The order of checkout's questions, as data over a stored `Checkout`.

    name -> phone -> delivery -> [address] -> comment -> summary -> placing

The address is asked only for the methods that need one. From the summary, "Edit"
reopens one question; once it is answered (with its address, if the new delivery
method needs one) the conversation goes straight back to the summary.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from models.checkout import PLACING, Checkout

NAME = "name"
PHONE = "phone"
DELIVERY = "delivery"
ADDRESS = "address"
COMMENT = "comment"
SUMMARY = "summary"
QUESTIONS = (NAME, PHONE, DELIVERY, ADDRESS, COMMENT)
#: The questions the summary's "Edit" offers (the address comes with the delivery).
EDITABLE = (NAME, PHONE, DELIVERY, COMMENT)
#: Delivery methods that need an address (the others: the shopper comes to the shop).
NEEDS_ADDRESS = frozenset({"courier", "post"})

__all__ = [
    "ADDRESS",
    "COMMENT",
    "DELIVERY",
    "EDITABLE",
    "NAME",
    "NEEDS_ADDRESS",
    "PHONE",
    "PLACING",
    "QUESTIONS",
    "SUMMARY",
    "answered",
    "editing",
]

_NEXT = {NAME: PHONE, PHONE: DELIVERY, ADDRESS: COMMENT, COMMENT: SUMMARY}


def answered(checkout: Checkout, value: str) -> Checkout:
    """The checkout once its current question is answered with `value`, moved on to
    the next step."""
    step = checkout.step
    data: dict[str, Any] = {**checkout.data, step: value}
    returning = bool(data.get("editing"))
    if step == DELIVERY:
        if value in NEEDS_ADDRESS:
            following = ADDRESS
        else:
            data[ADDRESS] = ""
            following = SUMMARY if returning else COMMENT
    else:
        following = SUMMARY if returning else _NEXT[step]
    if following == SUMMARY:
        data.pop("editing", None)
    return replace(checkout, step=following, data=data)


def editing(checkout: Checkout, question: str) -> Checkout:
    """The checkout reopened at `question` from the summary."""
    if question not in EDITABLE:
        raise ValueError(f"{question!r} cannot be edited")
    return replace(checkout, step=question, data={**checkout.data, "editing": True})
