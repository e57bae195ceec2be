"""Checkout's questions as data: which answers will do, and which question comes next."""

from __future__ import annotations

import pytest

from bot.checkout.flow import (
    ADDRESS,
    COMMENT,
    DELIVERY,
    NAME,
    PHONE,
    SUMMARY,
    answered,
    editing,
)
from bot.checkout.inputs import clean_address, clean_comment, clean_name, clean_phone
from models.checkout import Checkout
from models.order_statuses import (
    CANCELLED,
    CONFIRMED,
    DELIVERED,
    NEW,
    ON_DELIVERY,
    ONLINE,
    PAID,
    SHIPPED,
    Cause,
    admin_moves,
    may_move,
)


@pytest.mark.parametrize(
    ("typed", "phone"),
    [
        ("+7 (999) 123-45-67", "+79991234567"),
        ("8 999 123 45 67", "89991234567"),
        ("+44 7700 900123", "+447700900123"),
        ("123456789", None),  # 9 digits
        ("+1234567890123456", None),  # 16 digits
        ("call me maybe", None),
        ("+7 999 123 45 67 ext 5", None),
        ("7+9991234567", None),
    ],
)
def test_a_phone_is_10_to_15_digits_with_an_optional_plus(typed: str, phone: str | None) -> None:
    assert clean_phone(typed) == phone


def test_names_addresses_and_comments_are_trimmed_and_bounded() -> None:
    assert clean_name("  Anna   Maria ") == "Anna Maria"
    assert clean_name("A") is None
    assert clean_name("x" * 65) is None
    assert clean_address(" 1 High St ") == "1 High St"
    assert clean_address("abc") is None
    assert clean_comment("") == ""
    assert clean_comment("x" * 501) is None


def at(step: str, **data: object) -> Checkout:
    return Checkout(1, "key", step, data)


def test_the_questions_come_in_order_and_pickup_needs_no_address() -> None:
    checkout = at(NAME)
    for step, value in ((NAME, "Ann"), (PHONE, "+79991234567"), (DELIVERY, "courier")):
        assert checkout.step == step
        checkout = answered(checkout, value)
    assert checkout.step == ADDRESS
    checkout = answered(answered(checkout, "1 High St"), "")
    assert checkout.step == SUMMARY
    assert answered(at(DELIVERY), "pickup").step == COMMENT
    assert answered(at(DELIVERY, address="old"), "pickup").data[ADDRESS] == ""


def test_an_edited_answer_goes_back_to_the_summary_via_the_address_if_needed() -> None:
    summary = at(SUMMARY, name="Ann", delivery="pickup", address="")
    assert answered(editing(summary, NAME), "Anna").step == SUMMARY
    to_courier = answered(editing(summary, DELIVERY), "courier")
    assert to_courier.step == ADDRESS
    back = answered(to_courier, "1 High St")
    assert (back.step, "editing" in back.data) == (SUMMARY, False)
    with pytest.raises(ValueError, match="cannot be edited"):
        editing(summary, ADDRESS)


def test_the_status_table() -> None:
    assert admin_moves(NEW, ON_DELIVERY) == (CONFIRMED, CANCELLED)
    assert admin_moves(CONFIRMED, ON_DELIVERY) == (SHIPPED, CANCELLED)
    assert admin_moves(CONFIRMED, ONLINE) == (CANCELLED,)  # shipped only once paid
    assert admin_moves(PAID, ONLINE) == (SHIPPED, CANCELLED)
    assert admin_moves(SHIPPED, ONLINE) == (DELIVERED,)
    assert admin_moves(DELIVERED, ONLINE) == admin_moves(CANCELLED, ONLINE) == ()
    assert may_move(NEW, PAID, payment_method=ONLINE, cause=Cause.PAYMENT)
    assert not may_move(NEW, PAID, payment_method=ON_DELIVERY, cause=Cause.PAYMENT)
    assert not may_move(NEW, PAID, payment_method=ONLINE, cause=Cause.ADMIN)
    assert may_move(CONFIRMED, CANCELLED, payment_method=ONLINE, cause=Cause.PAYMENT_TIMEOUT)
    assert not may_move(PAID, CANCELLED, payment_method=ONLINE, cause=Cause.PAYMENT_TIMEOUT)
    assert not may_move(NEW, CANCELLED, payment_method=ON_DELIVERY, cause=Cause.PAYMENT_TIMEOUT)
