"""An admin finds a customer by Telegram id, @username or phone, and sees who they are
and their orders."""

from __future__ import annotations

from bot.money import format_price
from config import Settings
from fake_telegram import FakeTelegram
from models.customers import read_query
from models.users import set_phone
from tests.bot.admin.customers.helpers import (
    ASK,
    GALINA,
    english_admin,
    find,
    galina_with_an_order,
)
from tests.bot.checkout.shop import order_of, shop_settings
from tests.fixtures.app import running_bot


async def test_a_customer_is_found_by_id_username_and_phone_with_their_orders(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        galina = await galina_with_an_order(fake_telegram)
        order = await order_of(galina)
        admin = english_admin(fake_telegram)

        for query in ("8001", "@galina_k", "Galina_K", "+7 (999) 000-00-08", "89990000008"):
            [screen] = await find(admin, query)
            lines = screen.text.splitlines()
            assert lines[:3] == ["👤 Галина", f"Telegram id: {GALINA}", "Username: @Galina_K"]
            assert "Phone: +79990000008" in lines
            assert "Language: ru" in lines
            assert "Status: active" in lines
            assert f"Orders: 1, spent: {format_price(1_990_00)}" in lines
            assert lines[-1].startswith(f"#{order.id} — new — {format_price(1_990_00)} (")
            assert screen.button("✉ Message the customer") is not None
            assert screen.button("🚫 Ban") is not None
    fake_telegram.assert_no_handler_errors()


async def test_a_search_that_finds_nobody_or_makes_no_sense_asks_again(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        await galina_with_an_order(fake_telegram)
        admin = english_admin(fake_telegram)

        [reply] = await find(admin, "@nobody_here")
        assert reply.text == f"Nobody found.\n\n{ASK}"
        [reply] = await admin.send("what?!")
        assert reply.text.startswith("I did not get that")
        [screen] = await admin.send("8001")
        assert screen.text.startswith("👤 Галина")
    fake_telegram.assert_no_handler_errors()


async def test_several_matches_are_listed_to_pick_from(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        for user_id in (8101, 8102):
            twin = fake_telegram.user(user_id, lang="en", first_name=f"Twin{user_id}")
            await twin.send("/start")
        await set_phone(8101, "+15550001111")
        await set_phone(8102, "15550001111")
        admin = english_admin(fake_telegram)

        [listing] = await find(admin, "+1 555 000 1111")
        assert listing.text == "Customers found: 2. Pick one:"
        await admin.press("Twin8102 · 8102")  # the list becomes the customer's screen
        assert admin.last_message.id == listing.id
        assert admin.last_message.text.startswith("👤 Twin8102\nTelegram id: 8102")
    fake_telegram.assert_no_handler_errors()


def test_a_query_is_read_as_an_id_a_username_or_a_phone() -> None:
    assert read_query("@Ann_Smith") is not None
    assert read_query("@Ann_Smith").username == "Ann_Smith"  # type: ignore[union-attr]
    digits = read_query("79991234567")
    assert digits is not None and digits.telegram_id == 79991234567
    assert digits.phones == ("+79991234567", "79991234567")
    russian = read_query("8 999 123-45-67")
    assert russian is not None and russian.telegram_id is None
    assert "+79991234567" in russian.phones
    assert read_query("12345") is not None and read_query("12345").phones == ()  # type: ignore[union-attr]
    for nonsense in ("", "hi!", "@ab", "1" * 20, "a" * 100, "DROP TABLE users;"):
        assert read_query(nonsense) is None, nonsense
