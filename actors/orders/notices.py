"""Which notices each change of an order causes, written to the ledger with the change.

Every function here runs inside the transaction of the change (a nested `atomic` joins
it) and writes the notices as `pending` rows (`models.order_notices`); the order
processor's `NoticeSender` sends them afterwards, each exactly once. The kinds:

* `placed`, `invoice` (online payment): to the customer; `card.new`: to every admin;
* `edit.<status>:<message>`: every admin's card of the order (the card pressed first,
  then every card recorded in `models.order_cards`), shown as it is now;
  `status.<status>`: to the customer (with a cancel's reason or a tracking number in
  its details); `card.paid`: to every admin once paid;
* `expired`: to the customer, `admin.expired`: to every admin, and the cards edited
  (payment time ran out);
* `late_payment:<charge>` to the customer and `admin.refund:<charge>` to every admin
  (money came for an order that cannot take it).

The admins are the superadmins, ADMIN_IDS and the admins added in the bot, as they are
when the change is made.
"""

from __future__ import annotations

from collections.abc import Mapping

from config import Settings
from models.admins import list_admin_ids
from models.order_cards import CardPlace, list_cards
from models.order_notices import (
    NoticeSpec,
    OrderNotice,
    OrderParties,
    parties_of,
    queue_notices,
)
from models.order_statuses import CANCELLED, ONLINE, PAID
from models.orders import mark_announced
from runtime.db_transaction import atomic

PLACED = "placed"
INVOICE = "invoice"
NEW_CARD = "card.new"
PAID_CARD = "card.paid"
STATUS = "status."  # + the new status
CARD_EDIT = "edit."  # + the new status, ":", the card's message id
EXPIRED = "expired"
ADMIN_EXPIRED = "admin.expired"
LATE_PAYMENT = "late_payment:"  # + the charge id
ADMIN_REFUND = "admin.refund:"  # + the charge id


async def notice_admins(settings: Settings) -> list[int]:
    """Superadmins, ADMIN_IDS and admins added in the bot, each once."""
    listed = [*settings.superadmin_ids, *settings.admin_ids, *await list_admin_ids()]
    return list(dict.fromkeys(listed))


async def _parties(order_id: int) -> OrderParties:
    parties = await parties_of(order_id)
    return parties if parties is not None else OrderParties(None, "")


def _to_customer(order_id: int, parties: OrderParties, *kinds: str) -> list[NoticeSpec]:
    chat = parties.customer_chat
    return [] if chat is None else [NoticeSpec(order_id, kind, chat) for kind in kinds]


def _to_admins(order_id: int, kind: str, admins: list[int]) -> list[NoticeSpec]:
    return [NoticeSpec(order_id, kind, admin) for admin in admins]


def placed_notices(order_id: int, parties: OrderParties, admins: list[int]) -> list[NoticeSpec]:
    """What a new order tells its customer (and, paid online, invoices) and every admin."""
    kinds = [PLACED, INVOICE] if parties.payment_method == ONLINE else [PLACED]
    return _to_customer(order_id, parties, *kinds) + _to_admins(order_id, NEW_CARD, admins)


async def queue_placed(order_id: int, settings: Settings) -> None:
    """The new order's notices; the order counts as announced from now on."""
    notices = placed_notices(order_id, await _parties(order_id), await notice_admins(settings))
    async with atomic(OrderNotice._meta.db):
        await queue_notices(notices)
        await mark_announced(order_id)


async def queue_placed_batch(placed: Mapping[int, OrderParties], settings: Settings) -> None:
    """The notices of new orders (order id -> its parties) in one write; the caller's
    transaction wrote the orders with `announced_at` set (`models.order_batches`)."""
    if not placed:
        return
    admins = await notice_admins(settings)
    notices = [
        notice
        for order_id, parties in placed.items()
        for notice in placed_notices(order_id, parties, admins)
    ]
    await queue_notices(notices)


async def _card_edits(order_id: int, current: str, pressed: CardPlace | None) -> list[NoticeSpec]:
    """An edit of every card of the order: the one pressed first (its admin waits for
    it), then the others."""
    cards = [] if pressed is None else [pressed]
    cards += [card for card in await list_cards(order_id) if card != pressed]
    return [
        NoticeSpec(
            order_id,
            f"{CARD_EDIT}{current}:{card.message_id}",
            card.chat_id,
            {"message": card.message_id},
        )
        for card in cards
        if card.message_id > 0
    ]


async def queue_status_changed(
    order_id: int,
    previous: str,
    current: str,
    settings: Settings,
    *,
    card: tuple[int, int] | None = None,
    note: Mapping[str, str] | None = None,
) -> None:
    """A move `previous` -> `current`: first the card (chat, message id) of the admin who
    made it, then the customer (told `note`: a reason, a tracking number), then the
    other cards of the order; a payment also reaches every admin."""
    edits = await _card_edits(order_id, current, CardPlace(*card) if card else None)
    notices = edits[:1] if card is not None else []
    parties = await _parties(order_id)
    chat = parties.customer_chat
    if chat is not None:
        details = {"previous": previous, **(note or {})}
        notices.append(NoticeSpec(order_id, STATUS + current, chat, details))
    notices += edits[1:] if card is not None else edits
    if current == PAID:
        notices += _to_admins(order_id, PAID_CARD, await notice_admins(settings))
    await queue_notices(notices)


async def queue_expired(order_id: int, settings: Settings) -> None:
    notices = _to_customer(order_id, await _parties(order_id), EXPIRED)
    notices += _to_admins(order_id, ADMIN_EXPIRED, await notice_admins(settings))
    notices += await _card_edits(order_id, CANCELLED, None)
    await queue_notices(notices)


async def queue_refund_needed(order_id: int, charge_id: str, settings: Settings) -> None:
    details = {"charge": charge_id}
    parties = await _parties(order_id)
    notices = [
        NoticeSpec(spec.order_id, spec.kind, spec.recipient, details)
        for spec in _to_customer(order_id, parties, LATE_PAYMENT + charge_id)
    ]
    notices += [
        NoticeSpec(order_id, ADMIN_REFUND + charge_id, admin, details)
        for admin in await notice_admins(settings)
    ]
    await queue_notices(notices)
