"""Where the admins' cards of each order are: (order, chat, message) rows.

A card is recorded when it is sent (the order processor's new-order and paid cards, a
card opened from the order desk), so that every change of the order edits every card of
it in place (`actors.orders.notices`): no admin is left with buttons for a move that
no longer exists. Recording the same message twice is a no-op (unique on chat and
message). Only the latest `CARDS_PER_CHAT` cards of an order are kept per chat: older
ones are no longer edited, and a press on them is answered with the order as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.columns import BigInt, BigSerial, Integer, Timestamptz
from piccolo.table import Table

from models.clock import utcnow
from runtime.db_raw import fetch_rows

CARDS_PER_CHAT = 3


class OrderCardMessage(Table, tablename="order_card_messages"):
    id = BigSerial(primary_key=True)
    order_id = Integer()
    chat_id = BigInt()
    message_id = BigInt()
    created_at = Timestamptz()


@dataclass(frozen=True, slots=True)
class CardPlace:
    """One card: a message in an admin's chat."""

    chat_id: int
    message_id: int


_INSERT = (
    "INSERT INTO order_card_messages (order_id, chat_id, message_id, created_at)"
    " VALUES ({}, {}, {}, {}) ON CONFLICT DO NOTHING"
)
#: The chat's cards of the order but the newest few (the parameters: order, chat, order,
#: chat, then how many to keep).
_TRIM_KEEPING = (
    "DELETE FROM order_card_messages WHERE order_id = {} AND chat_id = {} AND id NOT IN"
    " (SELECT id FROM order_card_messages WHERE order_id = {} AND chat_id = {}"
    " ORDER BY id DESC LIMIT "
)
_TRIM = _TRIM_KEEPING + "{})"
#: Both at once: the DELETE's snapshot does not see the row the INSERT adds, so it keeps
#: one card fewer of those it sees when a row was added.
_INSERT_AND_TRIM = (
    f"WITH added AS ({_INSERT} RETURNING id) {_TRIM_KEEPING}{{}} - (SELECT count(*) FROM added))"
)


async def record_card(order_id: int, chat_id: int, message_id: int) -> None:
    """Remember a card of the order (and forget that chat's older cards past the cap).

    One statement on PostgreSQL (a card is recorded for every admin of every new
    order); two elsewhere, with no transaction: a crash between them only leaves an old
    card to be trimmed at the next one."""
    added = (order_id, chat_id, message_id, utcnow())
    trim = (order_id, chat_id, order_id, chat_id, CARDS_PER_CHAT)
    if OrderCardMessage._meta.db.engine_type == "postgres":
        await fetch_rows(OrderCardMessage, _INSERT_AND_TRIM, *added, *trim)
        return
    await fetch_rows(OrderCardMessage, _INSERT, *added)
    await fetch_rows(OrderCardMessage, _TRIM, *trim)


async def list_cards(order_id: int) -> list[CardPlace]:
    """Every recorded card of the order, oldest first."""
    rows = await (
        OrderCardMessage.select(OrderCardMessage.chat_id, OrderCardMessage.message_id)
        .where(OrderCardMessage.order_id == order_id)
        .order_by(OrderCardMessage.id)
        .run()
    )
    return [CardPlace(int(row["chat_id"]), int(row["message_id"])) for row in rows]
