"""Messages an admin sent a customer through the bot, so the customer's reply finds its
way back to that admin.

One row per delivered message: the customer's chat, the message's id in that chat and
the admin who wrote it. A reply (Telegram's reply_to_message) in that chat to that
message goes to that admin; a reply to anything else is not ours. The row is written
with its audit row right after Telegram accepted the message (its id is known only
then), before the handler answers the admin, and it outlives a restart.
"""

from __future__ import annotations

from piccolo.columns import BigInt, BigSerial, Timestamptz
from piccolo.table import Table

from models.admins import record_audit
from models.clock import utcnow
from runtime.db_transaction import atomic

#: What an admin may write to a customer in one message (Telegram allows 4096 with the
#: bot's header around it).
RELAY_TEXT_MAX = 3500


class CustomerRelay(Table, tablename="customer_relays"):
    """(chat_id, message_id) is unique (an index in the relays migration)."""

    id = BigSerial(primary_key=True)
    chat_id = BigInt()
    message_id = BigInt()
    admin_id = BigInt()
    created_at = Timestamptz()


async def create_relay(admin_id: int, customer_id: int, message_id: int, text: str) -> None:
    """Remember that `message_id` in the customer's chat came from `admin_id`, and audit
    the message (its text as sent)."""
    async with atomic(CustomerRelay._meta.db):
        await CustomerRelay.insert(
            CustomerRelay(
                chat_id=customer_id, message_id=message_id, admin_id=admin_id, created_at=utcnow()
            )
        )
        details = {"before": None, "after": {"message_id": message_id, "text": text}}
        await record_audit(admin_id, "customer.message", str(customer_id), details)


async def relay_admin_of(chat_id: int, message_id: int) -> int | None:
    """The admin who wrote message `message_id` of the customer's chat, or None when the
    bot relayed no such message."""
    row = await (
        CustomerRelay.select(CustomerRelay.admin_id)
        .where(CustomerRelay.chat_id == chat_id, CustomerRelay.message_id == message_id)
        .first()
    )
    return None if row is None else int(row["admin_id"])
