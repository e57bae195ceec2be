"""Playing admins and shoppers through the order desk, and orders made straight in the
database (for the lists: placed, with their stock taken, and marked announced so the
order processor sends no cards for them).

The app must be running (`running_bot`).
"""

from __future__ import annotations

from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.admins import AuditLog
from models.order_statuses import NEW
from models.orders import DeliveryDetails, Order, OrderLine, mark_announced, place_order
from models.users import record_user, users_id_of
from tests.bot.checkout.shop import (
    ENGLISH_ADMIN,
    Answers,
    check_out,
    put_in_cart,
)

GALINA = 8001


async def english_admin(tg: FakeTelegram) -> SimulatedUser:
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/start")
    return admin


async def russian_order(tg: FakeTelegram, variant_id: int, quantity: int = 1) -> SimulatedUser:
    """A Russian shopper orders `quantity` of a variant, paid on delivery."""
    galina = tg.user(GALINA, lang="ru", first_name="Галина", phone="+79990000008")
    await galina.send("/start")
    await put_in_cart(galina, variant_id, quantity)
    await check_out(
        galina, Answers(name="Галина", delivery="🏬 Самовывоз", skip="Пропустить"), russian=True
    )
    await galina.press("✅ Подтвердить")
    await galina.expect_message()
    return galina


async def open_desk(admin: SimulatedUser) -> BotMessage:
    """`/admin` -> Orders (in English); the desk's screen."""
    await admin.send("/admin")
    await admin.press("📋 Orders")
    assert admin.last_message.text.startswith("📋 Orders.")
    return admin.last_message


async def orders_in_database(
    variant_id: int, count: int, *, phone: str = "+447700900000", status: str = NEW
) -> list[int]:
    """`count` orders of one item each by one shopper, in `status`; their ids."""
    telegram_id = 7000 + len(phone)
    await record_user(telegram_id, first_name="Bulk", last_name=None, username=None, language="en")
    user_id = await users_id_of(telegram_id)
    assert user_id is not None
    ids = []
    for number in range(count):
        delivery = DeliveryDetails(f"Buyer {number}", phone, "pickup")
        order_id = await place_order(user_id, delivery, lines=[OrderLine(variant_id, 1)])
        await mark_announced(order_id)
        ids.append(order_id)
    if status != NEW:
        await Order.update({Order.status: status}).where(Order.id.is_in(ids))
    return ids


async def audit_rows() -> list[dict[str, object]]:
    return await AuditLog.select(AuditLog.actor_id, AuditLog.action, AuditLog.target).order_by(
        AuditLog.id
    )
