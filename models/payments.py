"""Payments as Telegram reported them, stored the moment they arrive.

Persist first (DESIGN.md): the handler stores the receipt, then tells the order
processor; the processor marks it processed once the order is updated. A receipt
still unprocessed at start (the processor crashed on it, or the message was lost) is
processed then. The charge id is unique, so a repeated update stores nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.columns import BigInt, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow


class ReceivedPayment(Table, tablename="payments_received"):
    id = Serial(primary_key=True)
    charge_id = Varchar(length=255, unique=True)
    order_id = BigInt()
    telegram_id = BigInt()
    total_amount = BigInt()
    currency = Varchar(length=8)
    received_at = Timestamptz()
    processed_at = Timestamptz(null=True, default=None)


@dataclass(frozen=True)
class PaymentReceipt:
    charge_id: str
    order_id: int
    telegram_id: int
    total_amount: int
    currency: str


async def store_payment(receipt: PaymentReceipt) -> bool:
    """Store a receipt; False when this charge id was stored before."""
    rows = await (
        ReceivedPayment.insert(
            ReceivedPayment(
                charge_id=receipt.charge_id,
                order_id=receipt.order_id,
                telegram_id=receipt.telegram_id,
                total_amount=receipt.total_amount,
                currency=receipt.currency,
                received_at=utcnow(),
            )
        )
        .on_conflict(target=ReceivedPayment.charge_id, action="DO NOTHING")
        .returning(ReceivedPayment.id)
        .run()
    )
    return bool(rows)


async def unprocessed_payments() -> list[PaymentReceipt]:
    rows = await (
        ReceivedPayment.select(
            ReceivedPayment.charge_id,
            ReceivedPayment.order_id,
            ReceivedPayment.telegram_id,
            ReceivedPayment.total_amount,
            ReceivedPayment.currency,
        )
        .where(ReceivedPayment.processed_at.is_null())
        .order_by(ReceivedPayment.id)
        .run()
    )
    return [PaymentReceipt(**row) for row in rows]


async def mark_processed(charge_id: str) -> None:
    await (
        ReceivedPayment.update({ReceivedPayment.processed_at: utcnow()})
        .where(ReceivedPayment.charge_id == charge_id)
        .run()
    )
