"""Callback data is compact, versioned, typed, signed with 64+ bits, and refuses what the
bot did not send to this user or what does not fit the action's declaration."""

import base64
import hashlib
import hmac
import importlib
import pkgutil

import pytest

import bot
from bot.callbacks import (
    MAX_BYTES,
    PAGE,
    ROW_ID,
    SIGNATURE_LENGTH,
    Action,
    Callback,
    CallbackCodec,
    CallbackTooLong,
    Choice,
    Int,
    Token,
)
from bot.routes import build_router
from models.ids import SERIAL_ID_MAX

codec = CallbackCodec(b"k" * 32)
REMOVE = Action("cart.rm", ROW_ID)


def test_data_round_trips_for_the_user_it_was_made_for() -> None:
    data = codec.encode(42, REMOVE, 17)
    assert data.startswith("2:cart.rm:17:")
    assert codec.decode(42, data) == Callback("cart.rm", ("17",))
    assert codec.decode(42, data.encode()) == Callback("cart.rm", ("17",))
    assert codec.decode(42, data).integer(0) == 17  # type: ignore[union-attr]


def test_the_signature_has_at_least_64_bits() -> None:
    signature = codec.encode(42, REMOVE, 17).rsplit(":", 1)[1]
    assert len(signature) == SIGNATURE_LENGTH
    assert len(signature) * 6 >= 64  # base64url: 6 bits a character


def test_the_signature_is_the_keyed_sha256_hmac_of_the_user_and_the_payload() -> None:
    """Buttons already in chats keep working whatever way the codec computes it."""
    key = b"k" * 32
    digest = hmac.new(key, b"42|2:cart.rm:17", hashlib.sha256).digest()
    expected = base64.urlsafe_b64encode(digest).decode()[:11]
    assert CallbackCodec(key).encode(42, REMOVE, 17) == f"2:cart.rm:17:{expected}"


def test_another_users_press_of_the_same_button_is_refused() -> None:
    assert codec.decode(43, codec.encode(42, REMOVE, 17)) is None


def old_format(secret: str, user_id: int, payload: str) -> str:
    """Data as the bot signed it before version 2: an 8-character (48-bit) signature
    under a key hashed from the bot token, or from the public word "development"."""
    key = hashlib.sha256(b"shopbot-callbacks:" + secret.encode()).digest()
    digest = hmac.new(key, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
    return f"{payload}:{base64.urlsafe_b64encode(digest).decode()[:8]}"


@pytest.mark.parametrize(
    "forged",
    [
        "2:cart.rm:18:AAAAAAAAAAA",  # changed argument, made-up signature
        "",
        "garbage",
        "2:cart.rm",
        old_format("development", 42, "1:cart.rm:17"),  # the old format, the old key
        old_format("development", 42, "2:cart.rm:17"),
        b"\xff\xfe",
        None,
        "x" * (MAX_BYTES + 1),
    ],
)
def test_forged_malformed_or_stale_data_decodes_to_none(forged: str | bytes | None) -> None:
    assert codec.decode(42, forged) is None


def test_a_tampered_argument_breaks_the_signature() -> None:
    version, action, _argument, signature = codec.encode(42, REMOVE, 17).split(":")
    assert codec.decode(42, f"{version}:{action}:18:{signature}") is None


def test_another_key_does_not_accept_the_data() -> None:
    assert CallbackCodec(b"o" * 32).decode(42, codec.encode(42, REMOVE, 17)) is None


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        CallbackCodec(b"development")


def test_data_stays_within_telegrams_64_bytes_or_signing_refuses() -> None:
    data = codec.sign(2**40, "order.st", 2**31, "shipped", 99)
    assert len(data.encode()) <= MAX_BYTES
    with pytest.raises(CallbackTooLong):
        codec.sign(1, "a" * 20, "b" * 20, "c" * 20)
    with pytest.raises(ValueError, match="must match"):
        codec.sign(1, "cart.rm", "has:colon")


def test_arguments_are_parsed_against_the_declaration() -> None:
    action = Action("x", ROW_ID, PAGE, Choice(("all", "ord")), Token(4, 6))
    assert action.parse(("12", "0", "ord", "abcd")) == (12, 0, "ord", "abcd")
    for raw in [
        ("0", "0", "ord", "abcd"),  # ids start at 1
        (str(SERIAL_ID_MAX + 1), "0", "ord", "abcd"),  # beyond the int4 column
        ("12", "-1", "ord", "abcd"),
        ("12", "100000", "ord", "abcd"),
        ("12", "0", "everyone", "abcd"),
        ("12", "0", "ord", "abc"),
        ("12", "0", "ord", "abcd.e"),
        ("12", "0", "ord"),
        ("12", "0", "ord", "abcd", "more"),
        ("1e3", "0", "ord", "abcd"),
        ("9" * 30, "0", "ord", "abcd"),
    ]:
        assert action.parse(raw) is None, raw


def test_the_bot_cannot_build_a_button_whose_arguments_do_not_fit() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        codec.encode(42, REMOVE, SERIAL_ID_MAX + 1)
    with pytest.raises(ValueError, match="do not fit"):
        codec.encode(42, REMOVE)
    assert codec.encode(42, Action("page", Int(-5, 5)), -5).startswith("2:page:-5:")


def test_callback_accessors() -> None:
    callback = Callback("x", ("12", "abc"))
    assert (callback.integer(0), callback.integer(1), callback.integer(5)) == (12, None, None)
    assert (callback.text(1), callback.text(5)) == ("abc", "")


def test_the_longest_data_of_every_routed_action_fits_in_64_bytes() -> None:
    routes = build_router().callbacks
    assert len(routes) > 20
    for name, route in routes.items():
        action = route.action
        assert action.name == name
        assert action.longest_data() <= MAX_BYTES, (name, action.longest_data())
        # And the longest values really encode, for the largest Telegram user id.
        longest: list[int | str] = []
        for arg in action.args:
            if isinstance(arg, Int):
                longest.append(min(arg.low, arg.high, key=lambda n: -len(str(n))))
            elif isinstance(arg, Choice):
                longest.append(max(arg.values, key=len))
            else:
                assert isinstance(arg, Token)
                longest.append("x" * arg.length)
        data = codec.encode(2**53, action, *longest)
        assert len(data.encode()) == action.longest_data()


def test_every_action_the_bot_declares_is_routed() -> None:
    """So the test above covers every button the bot can build."""
    declared = {
        value.name
        for info in pkgutil.walk_packages(bot.__path__, "bot.")
        for value in vars(importlib.import_module(info.name)).values()
        if isinstance(value, Action)
    }
    assert declared == set(build_router().callbacks)
