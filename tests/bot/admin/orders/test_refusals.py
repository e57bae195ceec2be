"""Nobody but an admin uses the order desk: a shopper pressing well-signed data of every
desk action, or an admin's desk buttons replayed, or typing `/admin` and a number; a
banned admin. Each gets a polite answer and nothing changes."""

from __future__ import annotations

from bot.admin.orders import actions
from bot.callbacks import Action, Choice, Int, Value
from bot.roles import Role
from bot.routes import build_router
from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.conversations import get_conversation
from models.users import set_banned
from tests.bot.admin.orders.helpers import english_admin, open_desk, orders_in_database
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings, stock_one_product
from tests.bot.shop.shop import forged
from tests.fixtures.app import running_bot, statuses_of

NOT_ALLOWED_EN = "This action is not available to you."
STALE_EN = "This button is out of date. Open the menu again: /start"
BANNED_EN = "Your access to the shop is closed. If this is a mistake, write to us."
DESK_ACTIONS = [value for value in vars(actions).values() if isinstance(value, Action)]


def sample_args(action: Action) -> list[Value]:
    values: list[Value] = []
    for arg in action.args:
        if isinstance(arg, Int):
            values.append(1 if arg.low <= 1 <= arg.high else arg.low)
        else:
            assert isinstance(arg, Choice)
            values.append(arg.values[0])
    return values


def test_every_desk_action_needs_an_admin() -> None:
    routes = build_router().callbacks
    assert len(DESK_ACTIONS) == 5
    assert all(routes[action.name].role >= Role.ADMIN for action in DESK_ACTIONS)
    assert routes["order.status"].role >= Role.ADMIN


async def test_a_shopper_pressing_desk_buttons_or_typing_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=5)
        [order_id] = await orders_in_database(tee, 1)
        desk = await open_desk(admin)
        await admin.press("new (1)", message=desk)
        listing = admin.last_message

        bob = fake_telegram.user(2001, lang="en", first_name="Bob")
        await bob.send("/start")
        for action in DESK_ACTIONS:
            await bob.press_forged(forged(settings, bob.id, action.name, *sample_args(action)))
            assert bob.last_answer is not None
            assert bob.last_answer.answer_text == NOT_ALLOWED_EN, action.name
        await bob.press_forged(forged(settings, bob.id, "order.status", order_id, "cancelled"))
        assert bob.last_answer is not None
        assert bob.last_answer.answer_text == NOT_ALLOWED_EN
        for message in (desk, listing):  # the admin's own buttons, replayed
            for row in message.button_rows:
                for button in row:
                    assert button.data is not None
                    await bob.press_forged(button.data, message=message)
                    assert bob.last_answer is not None
                    assert bob.last_answer.answer_text == STALE_EN
        await bob.send("/admin")
        assert bob.last_message.text == NOT_ALLOWED_EN
        assert await bob.send(str(order_id)) == []  # not taken for a search

        assert await get_conversation(bob.id) is None
        assert await AuditLog.count() == 0
        assert [m.text for m in bob.messages if "Order #" in m.text] == []


async def test_a_banned_admin_is_told_once_and_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram) as bot:
        admin = await english_admin(fake_telegram)
        tee = await stock_one_product(stock=5)
        await orders_in_database(tee, 1)
        desk = await open_desk(admin)
        messages_before = len(admin.messages)
        await set_banned(statuses_of(bot), ENGLISH_ADMIN, True)

        answers = []
        for label in ("new (1)", "🔎 Find an order", "⬅ Management menu"):
            await admin.press(label, message=desk)
            assert admin.last_answer is not None
            answers.append(admin.last_answer.answer_text)
        await admin.send("/admin")
        await admin.send("1")

        assert answers == [BANNED_EN, None, None]  # said once, then only stopped
        assert len(admin.messages) == messages_before
        assert await get_conversation(ENGLISH_ADMIN) is None
        assert await AuditLog.count() == 0
