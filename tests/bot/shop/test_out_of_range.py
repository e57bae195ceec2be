"""Numbers from outside (deep links, button data) beyond what the database can hold are
answered like any id that names nothing: politely, never with an error."""

from __future__ import annotations

from config import Settings
from fake_telegram import FakeTelegram
from tests.bot.shop.shop import add_category, add_product, forged, labels
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot

MENU_EN = [
    "🛍 Catalogue",
    "🛒 Cart",
    "📦 My orders",
    "🔔 Waiting for",
    "💬 Help & contacts",
    "🌐 Русский",
]
UNAVAILABLE_EN = "Sorry, this product is not on sale right now."
STALE_EN = "This button is out of date. Open the menu again: /start"
INT4_OVER = 2**31  # one past the largest serial id


async def test_a_deep_link_to_an_id_beyond_the_columns_range_is_a_product_not_on_sale(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        alice = fake_telegram.user(2501, lang="en", first_name="Alice")

        for payload in (f"p_{INT4_OVER}", "p_9999999999", "p_0", "p_" + "9" * 30):
            [reply] = await alice.send(f"/start {payload}")
            assert reply.text.startswith(UNAVAILABLE_EN), payload
            assert labels(reply) == MENU_EN


async def test_button_numbers_out_of_their_range_are_answered_as_stale(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee", variants=[("M", 5, None)])
        bob = fake_telegram.user(2502, lang="en", first_name="Bob")
        await bob.send("/start")

        # Well signed for Bob (what a tampered client could send), numbers out of range.
        presses: list[tuple[str, tuple[int | str, ...]]] = [
            ("prod", (INT4_OVER, 0)),
            ("prod", (tee.id, -1)),
            ("prod", (tee.id, 10**12)),
            ("cat.open", (INT4_OVER, 0)),
            ("cat.open", (tees, 10**15)),
            ("var.pick", (INT4_OVER,)),
            ("var.add", (INT4_OVER, 1)),
            ("var.add", (tee.variant_ids[0], 10**6)),
            ("cart.line", (INT4_OVER,)),
            ("cart.qty", (INT4_OVER, 1)),
            ("cart.rm", (-1,)),
            ("cart.rm", ("9" * 20,)),
        ]
        for action, args in presses:
            await bob.press_forged(forged(settings, bob.id, action, *args))

        assert [answer.answer_text for answer in bob.answers] == [STALE_EN] * len(presses)


async def test_admin_buttons_with_ids_out_of_range_are_answered_as_stale(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = bot_settings(database)
    async with running_bot(settings, fake_telegram):
        owner = fake_telegram.user(SUPERADMIN, lang="en", first_name="Owner")
        await owner.send("/superadmin")

        presses: list[tuple[str, tuple[int | str, ...]]] = [
            ("order.status", (INT4_OVER, "confirmed")),
            ("bc.pause", (INT4_OVER,)),
            ("bc.cancel", (0,)),
            ("bc.hist", (10**15,)),
            ("bc.drop", (INT4_OVER,)),
            ("bc.aud", (INT4_OVER, "all")),
            ("bc.aud", (1, "everyone")),
        ]
        for action, args in presses:
            await owner.press_forged(forged(settings, owner.id, action, *args))

        assert [answer.answer_text for answer in owner.answers] == [STALE_EN] * len(presses)
