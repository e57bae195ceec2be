"""Callback data is compact, versioned, and refuses what the bot did not send to this user."""

import pytest

from bot.callbacks import MAX_BYTES, Callback, CallbackCodec, CallbackTooLong

codec = CallbackCodec("123456:token")


def test_data_round_trips_for_the_user_it_was_made_for() -> None:
    data = codec.encode(42, "cart.rm", 17)
    assert data.startswith("1:cart.rm:17:")
    assert codec.decode(42, data) == Callback("cart.rm", ("17",))
    assert codec.decode(42, data.encode()) == Callback("cart.rm", ("17",))
    assert codec.decode(42, data).integer(0) == 17  # type: ignore[union-attr]


def test_another_users_press_of_the_same_button_is_refused() -> None:
    assert codec.decode(43, codec.encode(42, "cart.rm", 17)) is None


@pytest.mark.parametrize(
    "forged",
    [
        "1:cart.rm:18:AAAAAAAA",  # changed argument, made-up signature
        "",
        "garbage",
        "1:cart.rm",
        "0:cart.rm:17:abcdefgh",  # an older version
        b"\xff\xfe",
        None,
        "x" * (MAX_BYTES + 1),
    ],
)
def test_forged_malformed_or_stale_data_decodes_to_none(forged: str | bytes | None) -> None:
    assert codec.decode(42, forged) is None


def test_a_tampered_argument_breaks_the_signature() -> None:
    version, action, _argument, signature = codec.encode(42, "cart.rm", 17).split(":")
    assert codec.decode(42, f"{version}:{action}:18:{signature}") is None


def test_another_secret_does_not_accept_the_data() -> None:
    assert CallbackCodec("other").decode(42, codec.encode(42, "cart.rm", 17)) is None


def test_data_stays_within_telegrams_64_bytes_or_encoding_refuses() -> None:
    data = codec.encode(2**40, "order.st", 2**31, "shipped", 99)
    assert len(data.encode()) <= MAX_BYTES
    with pytest.raises(CallbackTooLong):
        codec.encode(1, "a" * 20, "b" * 20, "c" * 20)
    with pytest.raises(ValueError, match="must match"):
        codec.encode(1, "cart.rm", "has:colon")


def test_integer_arguments_are_checked() -> None:
    callback = Callback("x", ("12", "abc"))
    assert callback.integer(0) == 12
    assert callback.integer(1) is None
    assert callback.integer(5) is None
