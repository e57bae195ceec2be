"""Nobody but an admin changes the catalogue: a shopper pressing well-signed data of
every catalogue action, or an admin's own buttons replayed, or sending `/admin`; a
banned admin; an `AdjustStock` naming a non-admin. Each gets a polite answer and
nothing changes. A shopper's typed text is never taken for an admin's answer."""

from __future__ import annotations

import anyio

from actors.messages import AdjustStock
from actors.names import ORDER_PROCESSOR
from bot.admin.catalogue import actions
from bot.callbacks import Action, Choice, Int, Token, Value
from config import Settings
from fake_telegram import FakeTelegram
from models.catalogue_input import StockChange
from models.stock import StockResult
from models.users import set_banned
from tests.bot.admin.catalogue.helpers import (
    catalogue_state,
    create_category,
    create_tee,
    english_admin,
)
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import running_bot, statuses_of

NOT_ALLOWED_EN = "This action is not available to you."
STALE_EN = "This button is out of date. Open the menu again: /start"
BANNED_EN = "Your access to the shop is closed. If this is a mistake, write to us."


def sample_args(action: Action) -> list[Value]:
    """Arguments that fit: id 1 names the first category, product, variant and photo."""
    values: list[Value] = []
    for arg in action.args:
        if isinstance(arg, Int):
            values.append(1 if arg.low <= 1 <= arg.high else arg.low)
        elif isinstance(arg, Choice):
            values.append(arg.values[0])
        else:
            assert isinstance(arg, Token)
            values.append("title")
    return values


CATALOGUE_ACTIONS = [value for value in vars(actions).values() if isinstance(value, Action)]


async def test_a_shopper_with_well_signed_catalogue_data_or_admin_buttons_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram) as bot:
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        await create_tee(admin, photos=1, stock="3")
        product_screen = admin.last_message
        await admin.press("✏ Price", message=product_screen)  # the admin is mid-conversation
        before = await catalogue_state()

        bob = fake_telegram.user(2001, lang="en", first_name="Bob")
        await bob.send("/start")
        assert len(CATALOGUE_ACTIONS) > 20
        for action in CATALOGUE_ACTIONS:
            await bob.press_forged(forged(settings, bob.id, action.name, *sample_args(action)))
            assert bob.last_answer is not None
            assert bob.last_answer.answer_text == NOT_ALLOWED_EN, action.name
        for row in product_screen.button_rows:  # the admin's own buttons, replayed
            for button in row:
                assert button.data is not None
                await bob.press_forged(button.data, message=product_screen)
                assert bob.last_answer is not None
                assert bob.last_answer.answer_text == STALE_EN
        await bob.send("/admin")
        assert bob.last_message.text == NOT_ALLOWED_EN
        # What the admin would type: the shop's (silent) fallback takes it, not the back office.
        assert await bob.send("1") == []

        processor = bot.supervisor.mailboxes.original_sender(ORDER_PROCESSOR)
        send, receive = anyio.create_memory_object_stream[StockResult](1)
        await processor.send(AdjustStock(bob.id, (StockChange(1, "set", 100),), send))
        with anyio.fail_after(10):
            assert await receive.receive() == StockResult(refused="not_allowed")

        assert await catalogue_state() == before
        await admin.send("2 490")  # the admin's conversation went on untouched
        assert admin.last_message.text.startswith("Basic tee\n")


async def test_a_banned_admin_is_told_once_and_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram) as bot:
        admin = await english_admin(fake_telegram)
        await create_category(admin, "Tees")
        category_screen = admin.last_message
        before = await catalogue_state()
        messages_before = len(admin.messages)
        await set_banned(statuses_of(bot), ENGLISH_ADMIN, True)

        answers = []
        for label in ("🗑 Delete", "🙈 Hide", "➕ Add a product", "⬇"):
            await admin.press(label, message=category_screen)
            assert admin.last_answer is not None
            answers.append(admin.last_answer.answer_text)
        await admin.send("/admin")
        await admin.send("Shoes")

        assert answers == [BANNED_EN, None, None, None]  # said once, then only stopped
        assert len(admin.messages) == messages_before
        assert await catalogue_state() == before
