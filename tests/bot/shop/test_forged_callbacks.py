"""Forged, foreign and out-of-range button presses change nothing and get a polite answer."""

from __future__ import annotations

import base64
import hashlib
import hmac

from config import Settings
from fake_telegram import FakeTelegram
from models.carts import add_to_cart, load_cart
from models.users import users_id_of
from tests.bot.shop.shop import add_category, add_product, forged
from tests.fixtures.app import bot_settings, running_bot


async def test_another_users_cart_line_cannot_be_touched_however_the_press_is_forged(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", variants=[("M", 5, None)])
        alice = fake_telegram.user(2301, lang="ru", first_name="Алиса")
        mallory = fake_telegram.user(2302, lang="en", first_name="Mallory")
        await alice.send("/start")
        await mallory.send("/start")
        alice_id, mallory_id = await users_id_of(alice.id), await users_id_of(mallory.id)
        assert alice_id is not None and mallory_id is not None
        await add_to_cart(alice_id, tee.variant_ids[0], 2)
        await add_to_cart(mallory_id, tee.variant_ids[0], 1)
        [alice_line] = (await load_cart(alice_id)).lines
        await alice.press("🛒 Корзина")
        await alice.press("✏️ 1. Tee × 2")
        alice_remove = alice.last_message.button("🗑 Удалить")
        assert alice_remove is not None and alice_remove.data is not None

        def answers() -> list[str | None]:
            return [answer.answer_text for answer in mallory.answers]

        # Alice's own button, pressed by Mallory: the data is bound to Alice.
        await mallory.press_forged(alice_remove.data)
        # Not data the bot made.
        await mallory.press_forged(b"1:cart.rm:1:AAAAAAAA")
        await mallory.press_forged(b"\xff\xfe")
        # Well signed for Mallory, naming Alice's line.
        presses: list[tuple[str, tuple[int | str, ...]]] = [
            ("cart.rm", (alice_line.line_id,)),
            ("cart.qty", (alice_line.line_id, 1)),
            ("cart.line", (alice_line.line_id,)),
            ("cart.rm", ("not-a-number",)),
        ]
        for action, args in presses:
            await mallory.press_forged(forged(settings, mallory.id, action, *args))

        stale = "This button is out of date. Open the menu again: /start"
        not_yours = "This line is not in your cart."
        assert answers() == [stale, stale, stale, not_yours, not_yours, not_yours, stale]
        assert [(line.line_id, line.quantity) for line in (await load_cart(alice_id)).lines] == [
            (alice_line.line_id, 2)
        ]
        assert [line.quantity for line in (await load_cart(mallory_id)).lines] == [1]


async def test_out_of_range_quantities_are_refused(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", variants=[("M", 3, None)])
        bob = fake_telegram.user(2303, lang="en", first_name="Bob")
        await bob.send("/start")
        bob_id = await users_id_of(bob.id)
        assert bob_id is not None
        await add_to_cart(bob_id, tee.variant_ids[0], 1)
        [line] = (await load_cart(bob_id)).lines

        presses: list[tuple[str, tuple[int | str, ...]]] = [
            ("var.add", (tee.variant_ids[0], 4)),  # more than in stock
            ("var.add", (tee.variant_ids[0], 0)),
            ("cart.qty", (line.line_id, 4)),
            ("cart.qty", (line.line_id, 0)),
        ]
        for action, args in presses:
            await bob.press_forged(forged(settings, bob.id, action, *args))

        assert [answer.answer_text for answer in bob.answers] == [
            "Not that many in stock. Please choose fewer.",
            "This button is out of date. Open the menu again: /start",  # no button says 0
            "That quantity cannot be chosen.",
            "This button is out of date. Open the menu again: /start",
        ]
        assert [line.quantity for line in (await load_cart(bob_id)).lines] == [1]


async def test_buttons_naming_things_that_do_not_exist_are_refused(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        carol = fake_telegram.user(2304, lang="en", first_name="Carol")
        await carol.send("/start")

        presses: list[tuple[str, tuple[int | str, ...]]] = [
            ("var.add", (999_999, 1)),
            ("var.pick", (999_999,)),
            ("prod", (999_999, 0)),
            ("cat.open", (999_999, 0)),  # and the sections are shown instead
            ("lang.set", ("de",)),
        ]
        for action, args in presses:
            await carol.press_forged(forged(settings, carol.id, action, *args))

        assert [answer.answer_text for answer in carol.answers] == [
            "This size is no longer available.",
            "This size is no longer available.",
            "This product is no longer on sale.",
            "This section is no longer available.",
            "This button is out of date. Open the menu again: /start",
        ]
        assert carol.last_message.text == "The catalogue is empty for now. Come back later!"


def signed_with_the_public_development_key(user_id: int, payload: str) -> bytes:
    """Data as the bot without a BOT_TOKEN used to accept: anyone could compute its key
    (a hash of the word "development") and sign any press for any user id."""
    key = hashlib.sha256(b"shopbot-callbacks:development").digest()
    digest = hmac.new(key, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
    return f"{payload}:{base64.urlsafe_b64encode(digest).decode()[:8]}".encode()


async def test_a_press_signed_with_the_old_public_key_is_refused(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    assert settings.bot_token is None
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", variants=[("M", 5, None)])
        dan = fake_telegram.user(2305, lang="en", first_name="Dan")
        await dan.send("/start")

        for version in ("1", "2"):
            payload = f"{version}:var.add:{tee.variant_ids[0]}:1"
            await dan.press_forged(signed_with_the_public_development_key(dan.id, payload))

        stale = "This button is out of date. Open the menu again: /start"
        assert [answer.answer_text for answer in dan.answers] == [stale, stale]
        dan_id = await users_id_of(dan.id)
        assert dan_id is not None and not (await load_cart(dan_id)).lines
