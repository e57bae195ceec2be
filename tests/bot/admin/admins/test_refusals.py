"""Replayed or forged buttons of the Customers and Admins screens change nothing: an
admin (not super) is refused the Admins section, a non-admin every button, a banned user
is told once that they are banned; each gets a polite answer. Every action is routed
for its role on the server."""

from __future__ import annotations

from bot.admin.admins import actions as admin_actions
from bot.admin.customers import actions as customer_actions
from bot.callbacks import Action
from bot.roles import Role
from bot.routes import build_router
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import AuditLog, add_admin, list_admin_ids
from models.conversations import ConversationState
from models.customers import set_customer_banned
from models.relays import CustomerRelay
from models.users import User
from tests.bot.admin.customers.helpers import GALINA, galina_with_an_order
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import SUPERADMIN, running_bot, statuses_of

NOT_ALLOWED = "This action is not available to you."
CUSTOMER_BUTTONS: list[tuple[str, tuple[int, ...]]] = [
    ("cu.find", ()),
    ("cu.show", (GALINA,)),
    ("cu.ban", (GALINA, 1)),
    ("cu.ban", (GALINA, 0)),
    ("cu.msg", (GALINA,)),
]
ADMIN_BUTTONS: list[tuple[str, tuple[int, ...]]] = [
    ("adm.list", ()),
    ("adm.add", ()),
    ("adm.rm", (7100,)),
]


def test_customer_actions_need_an_admin_and_admin_actions_a_superadmin() -> None:
    routes = build_router().callbacks
    for module, role in ((customer_actions, Role.ADMIN), (admin_actions, Role.SUPERADMIN)):
        declared = [value for value in vars(module).values() if isinstance(value, Action)]
        assert declared
        assert all(routes[action.name].role == role for action in declared)


async def state() -> dict[str, object]:
    return {
        "users": await User.select(User.telegram_id, User.is_banned).order_by(User.id),
        "admins": await list_admin_ids(),
        "audit": await AuditLog.count(),
        "relays": await CustomerRelay.count(),
        "conversations": await ConversationState.count(),
    }


async def press_all(
    person: SimulatedUser, settings: Settings, buttons: list[tuple[str, tuple[int, ...]]]
) -> list[str | None]:
    answers: list[str | None] = []
    for action, args in buttons:
        await person.press_forged(forged(settings, person.id, action, *args))
        assert person.last_answer is not None
        answers.append(person.last_answer.answer_text)
    return answers


async def test_replayed_buttons_change_nothing_and_are_refused_politely(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram) as bot:
        galina = await galina_with_an_order(fake_telegram)
        dave = fake_telegram.user(7100, lang="en", first_name="Dave")
        mallory = fake_telegram.user(7001, lang="en", first_name="Mallory")
        banned = fake_telegram.user(7002, lang="en", first_name="Boris")
        for person in (dave, mallory, banned):
            await person.send("/start")
        await add_admin(7100, added_by=SUPERADMIN)
        await set_customer_banned(statuses_of(bot), SUPERADMIN, 7002, True)
        before = await state()
        shown = len(galina.messages)

        # An admin who is not a superadmin: the Admins section is not his.
        admin = fake_telegram.user(ENGLISH_ADMIN)
        menu = (await admin.send("/admin"))[-1]  # after the order's card
        assert menu.text == "Shop management"
        assert menu.button("🛡 Admins") is None
        assert await press_all(admin, settings, ADMIN_BUTTONS) == [NOT_ALLOWED] * 3

        # A shopper: neither section, nor the commands.
        [reply] = await mallory.send("/admin")
        assert reply.text == NOT_ALLOWED
        buttons = CUSTOMER_BUTTONS + ADMIN_BUTTONS
        assert await press_all(mallory, settings, buttons) == [NOT_ALLOWED] * len(buttons)

        # A banned user is told once that they are banned, then ignored.
        answers = await press_all(banned, settings, buttons)
        assert answers[0] == "Your access to the shop is closed. If this is a mistake, write to us."
        assert answers[1:] == [None] * (len(buttons) - 1)
        assert await banned.send("/admin") == []

        assert await state() == before
        assert len(galina.messages) == shown  # no message reached the customer
    fake_telegram.assert_no_handler_errors()
