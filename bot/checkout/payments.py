"""Telegram Payments: the order's invoice, the pre-checkout answer, the successful payment.

The invoice's payload names the order (`order:<id>`). Telegram asks before it charges
(a pre-checkout query, to be answered within 10 s): the answer is yes only while the
order is this shopper's, still awaiting an online payment, for the invoiced amount.
A successful payment is stored (models/payments.py), then becomes a `PaymentReceived`
message; the order processor marks the order paid once per charge id, however often
Telegram repeats the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from loguru import logger
from pyrogram import filters
from pyrogram.raw.types.data_json import DataJSON
from pyrogram.raw.types.input_media_invoice import InputMediaInvoice
from pyrogram.raw.types.invoice import Invoice
from pyrogram.types import LabeledPrice, Message, PreCheckoutQuery

from bot.commands import PaymentReceived
from bot.context import Request
from bot.language import Language
from bot.money import format_price
from bot.router import Router
from bot.shop.card import variant_label
from bot.text_limits import cut
from bot.texts import text
from config import Settings
from models.order_statuses import Cause, may_move
from models.orders import PAID, Order, OrderItem, get_order
from models.payments import PaymentReceipt, store_payment
from models.users import users_id_of

PAYLOAD_PREFIX = "order:"
#: Telegram's limits on an invoice's title, description and a price's label.
TITLE_LIMIT, DESCRIPTION_LIMIT, LABEL_LIMIT = 32, 255, 32


def invoice_payload(order_id: int) -> str:
    return f"{PAYLOAD_PREFIX}{order_id}"


def order_of_payload(payload: object) -> int | None:
    if not isinstance(payload, str) or not payload.startswith(PAYLOAD_PREFIX):
        return None
    number = payload.removeprefix(PAYLOAD_PREFIX)
    return int(number) if number.isdigit() else None


def price_label(item: OrderItem) -> str:
    """ "Basic tee M · white ×2", cut to fit Telegram's label."""
    quantity = f" ×{item.quantity}" if item.quantity > 1 else ""
    name = f"{item.product_title} {variant_label(item.size, item.colour)}"
    return cut(name, LABEL_LIMIT - len(quantity)) + quantity


def invoice_media(
    settings: Settings,
    order: Order,
    items: Sequence[OrderItem],
    *,
    language: Language,
    test: bool = False,
) -> Any:
    """The order's invoice as raw `InputMediaInvoice`, one price line per item, in minor
    units: sent raw, so that its `random_id` is the caller's (an order notice's)."""
    token = settings.payment_provider_token
    if token is None:
        raise ValueError("no PAYMENT_PROVIDER_TOKEN: orders are paid on delivery")
    prices = [
        LabeledPrice(price_label(item), item.unit_price * item.quantity).write()  # type: ignore[no-untyped-call]
        for item in items
    ]
    description = text(
        "orders.invoice_description",
        language,
        count=sum(item.quantity for item in items),
        total=format_price(order.total, order.currency),
    )
    return InputMediaInvoice(
        title=cut(text("orders.invoice_title", language, number=order.id), TITLE_LIMIT),
        description=cut(description, DESCRIPTION_LIMIT),
        invoice=Invoice(
            currency=order.currency,
            prices=prices,
            test=test or None,
        ),
        payload=invoice_payload(order.id).encode(),
        provider=token.get_secret_value(),
        provider_data=DataJSON(data="{}"),
    )


async def payable_by(order_id: int | None, telegram_id: int, amount: int, currency: str) -> bool:
    """Whether the shopper may pay `amount` for the order now."""
    order = await get_order(order_id) if order_id is not None else None
    if order is None or order.user != await users_id_of(telegram_id):
        return False
    if (order.total, order.currency) != (amount, currency):
        return False
    return may_move(order.status, PAID, payment_method=order.payment_method, cause=Cause.PAYMENT)


async def answer_pre_checkout(request: Request, query: PreCheckoutQuery) -> None:
    order_id = order_of_payload(query.invoice_payload)
    if await payable_by(order_id, request.user_id, query.total_amount, query.currency):
        await query.answer(ok=True)
    else:
        logger.info("pre-checkout refused for order {} of {}", order_id, request.user_id)
        await query.answer(ok=False, error_message=request.t("orders.not_payable"))


async def payment_received(request: Request, message: Message) -> None:
    payment = message.successful_payment
    if payment is None:
        return
    order_id = order_of_payload(payment.invoice_payload)
    if order_id is None:
        logger.warning("a payment with an unknown payload came from {}", request.user_id)
        return
    receipt = PaymentReceipt(
        charge_id=payment.telegram_payment_charge_id,
        order_id=order_id,
        telegram_id=request.user_id,
        total_amount=int(payment.total_amount),
        currency=payment.currency,
    )
    # Persist first: stored before the order processor hears of it, so a payment it
    # loses (a crash on this very message) is processed again at its next start.
    if not await store_payment(receipt):
        logger.info("payment {} was received before", receipt.charge_id)
    logger.info(
        "payment {} for order {} received from {}", receipt.charge_id, order_id, request.user_id
    )
    await request.deps.orders.send(PaymentReceived(**vars(receipt)))


def register(router: Router) -> None:
    router.on_message(payment_received, filters.private & filters.successful_payment)
    router.on_update(PreCheckoutQuery, answer_pre_checkout)
