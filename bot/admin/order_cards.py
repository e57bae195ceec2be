"""The admins' order card: the order, its customer (name, phone, a `tg://user?id=`
link), items, total, delivery, payment state, status and the history of its moves (who
and when, a cancel's reason, a tracking number), with a button for each status an
admin may move it to next.

The order processor sends the card to every admin on a new (or paid) order and edits
every recorded card of the order after each change (`models.order_cards`); the order
desk (`bot.admin.orders`) sends it on demand. It is built outside any update too, so
its buttons are signed with the codec for each admin directly. A press is handled by
`bot.admin.orders.moves`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.admin.actions import SET_ORDER_STATUS
from bot.admin.customers.actions import MESSAGE_CUSTOMER
from bot.callbacks import CallbackCodec
from bot.language import Language
from bot.money import format_price
from bot.orders.views import delivery_label, items_text, status_label
from bot.text_limits import MESSAGE_LIMIT, cut
from bot.texts import text
from models.order_history import CANCEL_REASONS, MoveNote, StatusMove, list_status_changes
from models.order_statuses import ONLINE, admin_moves
from models.orders import Order, OrderItem, customer_of, get_order, list_items
from models.users import User

TIME_FORMAT = "%d.%m.%Y %H:%M UTC"


@dataclass(frozen=True)
class CardData:
    """Everything a card shows, read at once (`load_card`)."""

    order: Order
    items: list[OrderItem]
    customer: User | None
    history: list[StatusMove]
    actors: Mapping[int, str]  # Telegram id -> the name the bot knows

    @property
    def chat_id(self) -> int | None:
        return int(self.customer.telegram_id) if self.customer is not None else None


async def load_card(order_id: int) -> CardData | None:
    """The order with its items, customer, history and the names of who moved it; None
    when there is no such order."""
    order = await get_order(order_id)
    if order is None:
        return None
    history = await list_status_changes(order_id)
    actor_ids = sorted({move.actor_id for move in history if move.actor_id is not None})
    actors: dict[int, str] = {}
    if actor_ids:
        rows = await (
            User.select(User.telegram_id, User.first_name, User.username)
            .where(User.telegram_id.is_in(actor_ids))
            .run()
        )
        for row in rows:
            name = str(row["first_name"] or "") or (
                f"@{row['username']}" if row["username"] else ""
            )
            actors[int(row["telegram_id"])] = name
    return CardData(order, await list_items(order_id), await customer_of(order), history, actors)


def reason_label(note: MoveNote, language: Language, *, to_customer: bool = False) -> str:
    """A cancel's reason as `language` reads it, said to an admin or to the customer (a
    typed reason as typed)."""
    if note.reason_code in CANCEL_REASONS:
        prefix = "aord.customer_reason" if to_customer else "aord.reason"
        return text(f"{prefix}.{note.reason_code}", language)
    return note.reason_text


def move_note_text(details: Mapping[str, object], language: Language) -> str:
    """What the customer reads under a status notice: the reason of a cancel, the
    tracking number of a shipment ("" when there is none). `details` are a notice's."""
    note = MoveNote(
        str(details.get("reason_code", "")),
        str(details.get("reason_text", "")),
        str(details.get("tracking", "")),
    )
    said = ""
    reason = reason_label(note, language, to_customer=True)
    if reason:
        said += text("aord.customer.reason", language, reason=reason)
    if note.tracking:
        said += text("aord.customer.tracking", language, tracking=note.tracking)
    return said


def _who(move: StatusMove, actors: Mapping[int, str], language: Language) -> str:
    if move.actor_id is None:
        return text(f"aord.cause.{move.cause}", language)
    name = actors.get(move.actor_id, "")
    return f"{name} ({move.actor_id})" if name else str(move.actor_id)


def history_text(card: CardData, language: Language) -> str:
    """The history section ("" when the order has not moved yet)."""
    lines = []
    for move in card.history:
        line = text(
            "aord.history.line",
            language,
            when=move.created_at.strftime(TIME_FORMAT),
            status=status_label(move.current, language),
            who=_who(move, card.actors, language),
        )
        reason = reason_label(move.note, language)
        if reason:
            line += text("aord.history.reason", language, reason=reason)
        if move.note.tracking:
            line += text("aord.history.tracking", language, tracking=move.note.tracking)
        lines.append(line)
    return text("aord.history", language, lines="\n".join(lines)) if lines else ""


def payment_text(order: Order, language: Language) -> str:
    method = text(f"admin_order.payment.{order.payment_method}", language)
    if order.payment_method != ONLINE:
        return method
    state = "aord.payment.paid" if order.payment_charge_id else "aord.payment.unpaid"
    return f"{method}, {text(state, language)}"


def card_text(card: CardData, *, headline: str, language: Language) -> str:
    order, customer = card.order, card.customer
    username = customer.username if customer is not None else None
    address, comment = order.address, order.comment
    link = text("aord.link", language, id=card.chat_id) if card.chat_id is not None else ""
    body = text(
        "admin_order.card",
        language,
        headline=headline,
        items=items_text(card.items, order.currency, language),
        total=format_price(order.total, order.currency),
        payment=payment_text(order, language),
        name=order.customer_name,
        phone=order.phone,
        username=text("admin_order.username", language, username=username) if username else "",
        link=link,
        delivery=delivery_label(order.delivery_method, language),
        address=text("admin_order.address", language, address=address) if address else "",
        comment=text("admin_order.comment", language, comment=comment) if comment else "",
        history=history_text(card, language),
        status=status_label(order.status, language),
    )
    return cut(body, MESSAGE_LIMIT)


def card_markup(
    codec: CallbackCodec, admin_id: int, data: CardData, language: Language
) -> InlineKeyboardMarkup | None:
    """A button per next status (none once the order has nowhere to go), then "Message
    the customer" (the relay of `bot.admin.customers`) while the customer is known."""
    order = data.order
    rows = [
        [
            InlineKeyboardButton(
                text(f"admin_order.move.{status}", language),
                callback_data=codec.encode(admin_id, SET_ORDER_STATUS, order.id, status),
            )
        ]
        for status in admin_moves(order.status, order.payment_method)
    ]
    if data.customer is not None:
        customer_id = int(data.customer.telegram_id)
        rows.append(
            [
                InlineKeyboardButton(
                    text("cust.message", language),
                    callback_data=codec.encode(admin_id, MESSAGE_CUSTOMER, customer_id),
                )
            ]
        )
    return InlineKeyboardMarkup(rows) if rows else None
