"""What the order processor tells people, each in their own language: the customer (order
placed or refused, invoice, every status change) and the admins (an order card with
the next status buttons, payments, timeouts, refunds to make).

A send that Telegram refuses (blocked bot, deleted account, a long flood wait) is
logged and skipped: an order is never undone because a message could not go out.
"""

from __future__ import annotations

from dataclasses import dataclass

from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors import InputUserDeactivated, UserIsBlocked
from pyrogram.errors.rpc_error import RPCError
from pyrogram.types import InlineKeyboardMarkup

from actors.names import ORDER_PROCESSOR
from bot.admin_orders import card_markup, card_text
from bot.callbacks import CallbackCodec
from bot.language import Language
from bot.money import format_price
from bot.orders_view import items_text, status_label
from bot.payments import send_invoice
from bot.screens import edit_message
from bot.texts import text
from config import Settings
from models.admins import list_admin_ids
from models.order_statuses import CANCELLED, CONFIRMED, ONLINE, PAID
from models.orders import (
    Order,
    OrderItem,
    TransitionRefused,
    customer_of,
    get_order,
    list_items,
)
from models.users import User, get_user, mark_bot_blocked

orders_log = logger.bind(actor=ORDER_PROCESSOR)


def language_of(user: User | None) -> Language:
    return "en" if user is not None and user.language == "en" else "ru"


@dataclass(frozen=True)
class AdminCard:
    """An order card message in an admin's chat."""

    chat_id: int
    message_id: int


@dataclass(frozen=True)
class _Order:
    order: Order
    items: list[OrderItem]
    customer: User | None

    @property
    def chat_id(self) -> int | None:
        return int(self.customer.telegram_id) if self.customer is not None else None

    @property
    def language(self) -> Language:
        return language_of(self.customer)


@dataclass
class OrderNotifier:
    client: Client
    settings: Settings
    codec: CallbackCodec

    # -- events --------------------------------------------------------------------------

    async def order_placed(self, order_id: int) -> None:
        """The order's number and items to the customer (with the invoice when paid
        online), and its card to every admin."""
        loaded = await self._load(order_id)
        if loaded is None:
            return
        order, language = loaded.order, loaded.language
        note_key = (
            "orders.pay_online" if order.payment_method == ONLINE else "orders.pay_on_delivery"
        )
        placed = text(
            "orders.placed",
            language,
            number=order.id,
            items=items_text(loaded.items, order.currency, language),
            total=format_price(order.total, order.currency),
            payment_note=text(note_key, language, minutes=self.timeout_minutes),
        )
        if loaded.chat_id is not None:
            await self._send(loaded.chat_id, placed)
            if order.payment_method == ONLINE:
                await self._invoice(loaded, loaded.chat_id)
        await self._tell_admins(loaded, "admin_order.new")

    async def order_refused(self, telegram_id: int, key: str, item: str) -> None:
        """The order could not be placed (`key` says why, about `item`)."""
        language = language_of(await get_user(telegram_id))
        await self._send(telegram_id, text(key, language, item=item))

    async def status_changed(
        self, order_id: int, previous: str, current: str, admin_card: AdminCard | None = None
    ) -> None:
        """The admin who made the move `previous` -> `current` sees their card updated,
        the customer hears of it; a payment also reaches every admin, with the next
        buttons."""
        loaded = await self._load(order_id)
        if loaded is None:
            return
        key = f"orders.changed.{current}"
        if current == CONFIRMED and loaded.order.payment_method == ONLINE:
            key = "orders.changed.confirmed_unpaid"
        elif current == CANCELLED and previous == PAID:
            key = "orders.changed.cancelled_paid"
        if admin_card is not None:  # first: the admin who pressed sees it done
            await self.refresh_card(order_id, admin_card)
        if loaded.chat_id is not None:
            await self._send(loaded.chat_id, text(key, loaded.language, number=order_id))
        if current == PAID:
            await self._tell_admins(loaded, "admin_order.paid")

    async def payment_expired(self, order_id: int) -> None:
        loaded = await self._load(order_id)
        if loaded is None:
            return
        if loaded.chat_id is not None:
            message = text(
                "orders.expired",
                loaded.language,
                number=order_id,
                minutes=self.timeout_minutes,
            )
            await self._send(loaded.chat_id, message)
        await self._tell_admins_briefly("admin_order.expired", number=order_id)

    async def refund_needed(self, order_id: int, charge_id: str) -> None:
        loaded = await self._load(order_id)
        if loaded is None:
            return
        if loaded.chat_id is not None:
            message = text("orders.late_payment", loaded.language, number=order_id)
            await self._send(loaded.chat_id, message)
        await self._tell_admins_briefly(
            "admin_order.refund_needed", number=order_id, charge=charge_id
        )

    async def refresh_card(self, order_id: int, card: AdminCard, *, note: str = "") -> None:
        """Show the order as it is now in an admin's card (after `note`, if any)."""
        loaded = await self._load(order_id)
        if loaded is None:
            return
        language = await self._admin_language(card.chat_id)
        headline = text("admin_order.updated", language, number=order_id)
        body = card_text(
            loaded.order, loaded.items, loaded.customer, headline=headline, language=language
        )
        markup = card_markup(self.codec, card.chat_id, loaded.order, language)
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

    async def tell_admin(self, admin_id: int, key: str, **values: object) -> None:
        language = await self._admin_language(admin_id)
        await self._send(admin_id, text(key, language, **values))

    @property
    def timeout_minutes(self) -> str:
        return f"{self.settings.order_payment_timeout:g}"

    # -- plumbing ------------------------------------------------------------------------

    async def _load(self, order_id: int) -> _Order | None:
        order = await get_order(order_id)
        if order is None:
            orders_log.warning("order {} vanished before it could be announced", order_id)
            return None
        return _Order(order, await list_items(order_id), await customer_of(order))

    async def admin_ids(self) -> list[int]:
        """Superadmins, ADMIN_IDS and admins added in the bot, each once."""
        settings = self.settings
        listed = [*settings.superadmin_ids, *settings.admin_ids, *await list_admin_ids()]
        return list(dict.fromkeys(listed))

    async def _admin_language(self, admin_id: int) -> Language:
        return language_of(await get_user(admin_id))

    async def _tell_admins(self, loaded: _Order, headline_key: str) -> None:
        for admin_id in await self.admin_ids():
            language = await self._admin_language(admin_id)
            headline = text(headline_key, language, number=loaded.order.id)
            body = card_text(
                loaded.order, loaded.items, loaded.customer, headline=headline, language=language
            )
            markup = card_markup(self.codec, admin_id, loaded.order, language)
            await self._send(admin_id, body, markup)

    async def _tell_admins_briefly(self, key: str, **values: object) -> None:
        for admin_id in await self.admin_ids():
            await self.tell_admin(admin_id, key, **values)

    async def _invoice(self, loaded: _Order, chat_id: int) -> None:
        try:
            await send_invoice(
                self.client,
                self.settings,
                loaded.order,
                loaded.items,
                chat_id=chat_id,
                language=loaded.language,
            )
        except RPCError as error:
            orders_log.warning(
                "invoice of order {} not sent: {}",
                loaded.order.id,
                error.ID or type(error).__name__,
            )

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
