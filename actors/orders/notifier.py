"""What the order processor tells people, each in their own language: the customer (order
placed or refused, invoice, every status change) and the admins (an order card with
the next status buttons, payments, timeouts, refunds to make).

The notices of an order's changes come from the ledger (`models.order_notices`) and go
out raw with the ledger's `random_id` (`deliver`), addressed from the recipient's stored
access hash (`runtime.input_peers`: no lookup); what Telegram answers is for the
`NoticeSender` to judge. Replies that change nothing (an order refused, an admin's press
refused) are sent directly: a send that Telegram refuses (blocked bot, deleted account,
a long flood wait) is logged and skipped. An order is never undone because a message
could not go out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors import InputUserDeactivated, UserIsBlocked
from pyrogram.errors.rpc_error import RPCError
from pyrogram.raw.functions.messages.send_media import SendMedia
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.types import InlineKeyboardMarkup

from actors.names import ORDER_PROCESSOR
from actors.orders.notices import (
    ADMIN_EXPIRED,
    ADMIN_REFUND,
    CARD_EDIT,
    EXPIRED,
    INVOICE,
    LATE_PAYMENT,
    NEW_CARD,
    PAID_CARD,
    PLACED,
    STATUS,
)
from bot.admin.order_cards import CardData, card_markup, card_text, load_card, move_note_text
from bot.callbacks import CallbackCodec
from bot.checkout.payments import invoice_media
from bot.language import Language
from bot.money import format_price
from bot.orders.views import items_text, status_label
from bot.screens import edit_message, sent_message_id
from bot.texts import text
from config import Settings
from models.order_cards import record_card
from models.order_notices import PendingNotice
from models.order_statuses import CANCELLED, CONFIRMED, ONLINE, PAID
from models.order_views import OrderView
from models.orders import Order, OrderItem, TransitionRefused
from models.users import User, get_user, mark_bot_blocked
from runtime.input_peers import input_peer, invoke_direct

orders_log = logger.bind(actor=ORDER_PROCESSOR)

#: One notice's wait for Telegram's answer (seconds); past it, it is sent again later.
SEND_TIMEOUT = 15.0


def language_of(user: User | None) -> Language:
    return "en" if user is not None and user.language == "en" else "ru"


@dataclass(frozen=True)
class AdminCard:
    """An order card message in an admin's chat."""

    chat_id: int
    message_id: int


@dataclass(frozen=True)
class _Order:
    """An order as a notice shows it, read for the notice's recipient (one statement:
    `models.order_views`)."""

    view: OrderView

    @property
    def order(self) -> Order:
        return self.view.order

    @property
    def items(self) -> list[OrderItem]:
        return self.view.items

    @property
    def language(self) -> Language:
        """The customer's language."""
        return language_of(self.view.customer)

    @property
    def recipient_language(self) -> Language:
        return "en" if self.view.recipient_language == "en" else "ru"

    @property
    def access_hash(self) -> int | None:
        """The recipient's stored access hash."""
        return self.view.recipient_access_hash

    @property
    def card(self) -> CardData:
        view = self.view
        return CardData(view.order, view.items, view.customer, view.history, view.actors)


@dataclass
class OrderNotifier:
    client: Client
    settings: Settings
    codec: CallbackCodec

    # -- the ledger's notices ------------------------------------------------------------

    async def deliver(self, notice: PendingNotice, random_id: int, view: OrderView | None) -> bool:
        """Send one notice of the ledger (`actors.orders.notices` names the kinds) with
        `random_id`, rendered from `view`, its order as its recipient sees it, read just
        now (`models.order_views`), in its reader's language.

        False when there is nothing to send (the order is gone: `view` None; an unknown
        kind). What Telegram answers otherwise (`RPCError`, `FloodWait`, `OSError`) is
        raised, for the sender to classify; an admin's card is edited in place
        (idempotent)."""
        kind, chat_id = notice.kind, notice.recipient
        if view is None:
            orders_log.warning("order {} vanished before it could be announced", notice.order_id)
            return False
        loaded = _Order(view)
        if kind in (NEW_CARD, PAID_CARD):
            headline_key = "admin_order.new" if kind == NEW_CARD else "admin_order.paid"
            return await self._send_card(loaded, chat_id, random_id, headline_key)
        if kind.startswith(CARD_EDIT):
            card = AdminCard(chat_id, int(notice.details["message"]))
            await self._edit_card(loaded.card, card, loaded.recipient_language)
            return True
        if kind == INVOICE:
            media = invoice_media(
                self.settings,
                loaded.order,
                loaded.items,
                language=loaded.language,
                test=bool(self.client.test_mode),
            )
            await self._send_raw(chat_id, random_id, media=media, access_hash=loaded.access_hash)
            return True
        message = self._notice_text(notice, loaded)
        if message is None:
            orders_log.error("order {}: unknown notice {!r} not sent", notice.order_id, kind)
            return False
        await self._send_raw(chat_id, random_id, message, access_hash=loaded.access_hash)
        return True

    async def _send_card(
        self, loaded: _Order, chat_id: int, random_id: int, headline_key: str
    ) -> bool:
        """An admin's new card of the order, recorded (`models.order_cards`) so that the
        order's changes edit it. A re-send Telegram recognises (RANDOM_ID_DUPLICATE) is
        raised before anything is recorded: that card was recorded by the first send,
        unless a crash came between, and then it is only not edited later."""
        data, language, order_id = loaded.card, loaded.recipient_language, loaded.order.id
        headline = text(headline_key, language, number=order_id)
        body = card_text(data, headline=headline, language=language)
        markup = card_markup(self.codec, chat_id, data, language)
        result = await self._send_raw(
            chat_id, random_id, body, markup, access_hash=loaded.access_hash
        )
        message_id = sent_message_id(result, random_id)
        if message_id is not None:
            await record_card(order_id, chat_id, message_id)
        return True

    def _notice_text(self, notice: PendingNotice, loaded: _Order) -> str | None:
        kind, order_id = notice.kind, notice.order_id
        if kind == PLACED:
            return self._placed_text(loaded)
        if kind.startswith(STATUS):
            key = self._status_key(kind.removeprefix(STATUS), notice, loaded)
            said = text(key, loaded.language, number=order_id)
            return said + move_note_text(notice.details, loaded.language)
        if kind == EXPIRED:
            minutes = self.timeout_minutes
            return text("orders.expired", loaded.language, number=order_id, minutes=minutes)
        if kind.startswith(LATE_PAYMENT):
            return text("orders.late_payment", loaded.language, number=order_id)
        return self._admin_text(notice, loaded.recipient_language)

    @staticmethod
    def _status_key(current: str, notice: PendingNotice, loaded: _Order) -> str:
        previous = str(notice.details.get("previous", ""))
        if current == CONFIRMED and loaded.order.payment_method == ONLINE:
            return "orders.changed.confirmed_unpaid"
        if current == CANCELLED and previous == PAID:
            return "orders.changed.cancelled_paid"
        return f"orders.changed.{current}"

    @staticmethod
    def _admin_text(notice: PendingNotice, language: Language) -> str | None:
        kind, order_id = notice.kind, notice.order_id
        if kind == ADMIN_EXPIRED:
            return text("admin_order.expired", language, number=order_id)
        if kind.startswith(ADMIN_REFUND):
            charge = str(notice.details.get("charge", kind.removeprefix(ADMIN_REFUND)))
            return text("admin_order.refund_needed", language, number=order_id, charge=charge)
        return None

    def _placed_text(self, loaded: _Order) -> str:
        order, language = loaded.order, loaded.language
        note_key = (
            "orders.pay_online" if order.payment_method == ONLINE else "orders.pay_on_delivery"
        )
        return text(
            "orders.placed",
            language,
            number=order.id,
            items=items_text(loaded.items, order.currency, language),
            total=format_price(order.total, order.currency),
            payment_note=text(note_key, language, minutes=self.timeout_minutes),
        )

    async def _send_raw(
        self,
        chat_id: int,
        random_id: int,
        message: str = "",
        markup: InlineKeyboardMarkup | None = None,
        *,
        media: Any = None,
        access_hash: int | None,
    ) -> Any:
        """A raw send: the `random_id` is ours, so Telegram recognises a re-send.
        `access_hash`: the recipient's stored one (None: unknown). Returns Telegram's
        answer (raw `Updates`)."""
        peer = await input_peer(self.client, chat_id, access_hash)
        reply_markup = await markup.write(self.client) if markup is not None else None
        request: Any
        if media is None:
            request = SendMessage(
                peer=peer, message=message, random_id=random_id, reply_markup=reply_markup
            )
        else:
            request = SendMedia(
                peer=peer,
                media=media,
                message=message,
                random_id=random_id,
                reply_markup=reply_markup,
            )
        # Two tries: Kurigram sleeps off a short flood wait and then needs a try left;
        # past them a timeout or 5xx comes back as TimeoutError, sent again later.
        return await invoke_direct(self.client, request, retries=2, timeout=SEND_TIMEOUT)

    # -- replies that change nothing (not in the ledger) ---------------------------------

    async def order_refused(self, telegram_id: int, key: str, item: str) -> None:
        """The order could not be placed (`key` says why, about `item`)."""
        language = language_of(await get_user(telegram_id))
        await self._send(telegram_id, text(key, language, item=item))

    async def refresh_card(self, order_id: int, card: AdminCard, *, note: str = "") -> None:
        """Show the order as it is now in an admin's card (after `note`, if any)."""
        data = await load_card(order_id)
        if data is None:
            return
        language = await self._admin_language(card.chat_id)
        await self._edit_card(data, card, language, note=note)

    async def _edit_card(
        self, data: CardData, card: AdminCard, language: Language, *, note: str = ""
    ) -> None:
        order_id = data.order.id
        headline = text("admin_order.updated", language, number=order_id)
        body = card_text(data, headline=headline, language=language)
        markup = card_markup(self.codec, card.chat_id, data, language)
        try:
            await edit_message(
                self.client,
                card.chat_id,
                card.message_id,
                f"{note}\n\n{body}" if note else body,
                parse_mode=ParseMode.DISABLED,
                reply_markup=markup,
            )
        except RPCError as error:
            orders_log.warning(
                "order card {} not updated: {}", order_id, error.ID or type(error).__name__
            )

    async def change_refused(self, card: AdminCard, refused: TransitionRefused) -> None:
        """The admin's card, as the order is now, under why their press changed nothing."""
        language = await self._admin_language(card.chat_id)
        note = text(
            "admin_order.refused",
            language,
            number=refused.order_id,
            status=status_label(refused.current, language),
        )
        await self.refresh_card(refused.order_id, card, note=note)

    async def tell_refused(self, admin_id: int, refused: TransitionRefused) -> None:
        """Why a move asked outside a card changed nothing, as a message."""
        language = await self._admin_language(admin_id)
        status = status_label(refused.current, language)
        await self._send(
            admin_id, text("admin_order.refused", language, number=refused.order_id, status=status)
        )

    async def tell_admin(self, admin_id: int, key: str, **values: object) -> None:
        language = await self._admin_language(admin_id)
        await self._send(admin_id, text(key, language, **values))

    @property
    def timeout_minutes(self) -> str:
        return f"{self.settings.order_payment_timeout:g}"

    # -- plumbing ------------------------------------------------------------------------

    async def _admin_language(self, admin_id: int) -> Language:
        return language_of(await get_user(admin_id))

    async def _send(
        self, chat_id: int, message: str, markup: InlineKeyboardMarkup | None = None
    ) -> None:
        try:
            await self.client.send_message(
                chat_id, message, parse_mode=ParseMode.DISABLED, reply_markup=markup
            )
        except (UserIsBlocked, InputUserDeactivated):
            orders_log.info(
                "{} cannot be reached: the bot is blocked or the account deleted", chat_id
            )
            await mark_bot_blocked(chat_id)
        except RPCError as error:
            orders_log.warning(
                "message to {} not sent: {}", chat_id, error.ID or type(error).__name__
            )
