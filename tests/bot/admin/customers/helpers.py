"""Playing an admin through the Customers section, and a customer with one order."""

from __future__ import annotations

import json

from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.admins import AuditLog
from tests.bot.admin.channel.helpers import russian_order
from tests.bot.checkout.shop import ENGLISH_ADMIN, admin_card, stock_one_product

CUSTOMERS_SECTION = "👤 Customers"
ASK = "Who are we looking for? Send the customer's Telegram id, @username or phone."
GALINA = 8001


async def galina_with_an_order(tg: FakeTelegram) -> SimulatedUser:
    """Galina (@Galina_K, +79990000008, Russian) with one order of a 1 990 tee."""
    await english_admin(tg).send("/start")  # recorded as English before the card
    tg.user(GALINA, username="Galina_K")
    galina = await russian_order(tg, await stock_one_product())
    await admin_card(tg, ENGLISH_ADMIN, "🆕 New order #")  # in before the admin acts
    return galina


def english_admin(tg: FakeTelegram) -> SimulatedUser:
    return tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")


async def find(admin: SimulatedUser, query: str) -> list[BotMessage]:
    """From anywhere: `/admin`, Customers, then `query` typed; the bot's answers."""
    await admin.send("/admin")
    await admin.press(CUSTOMERS_SECTION)
    assert admin.last_message.text == ASK
    return await admin.send(query)


async def audit_rows() -> list[tuple[int, str, str, object]]:
    """(actor, action, target, details) of every audit row, oldest first."""
    rows = await AuditLog.select().order_by(AuditLog.id)
    return [
        (
            int(row["actor_id"]),
            str(row["action"]),
            str(row["target"]),
            json.loads(row["details"]) if isinstance(row["details"], str) else row["details"],
        )
        for row in rows
    ]
