"""Telegram Payments in the fake: invoices, pre-checkout queries, successful payments.

```python
invoice = alice.last_message                 # the bot sent an invoice (media_kind "invoice")
payment = await alice.pay(invoice)           # pre-checkout, then the payment if the bot agrees
payment.accepted, payment.error, payment.charge_id
await tg.payments.deliver_again(payment)     # Telegram repeats the successful_payment update
```

As Telegram does it: `messages.SendMedia` with an `InputMediaInvoice` stores a message
whose media is a `MessageMediaInvoice` (the payload stays with the fake, never shown to
the user). Paying pushes an `UpdateBotPrecheckoutQuery` and waits for the bot's
`messages.SetBotPrecheckoutResults`, at most Telegram's 10 seconds. If the bot says yes,
the user's chat gets a service message `MessageActionPaymentSentMe` carrying a charge id,
pushed like any other update; `deliver_again` pushes the same update once more (in a
new container, as Telegram repeats an update).
"""

# The driver's API takes `timeout=` (`await alice.pay(invoice, timeout=5)`); every wait
# is still bounded inside with anyio.fail_after.
# ruff: noqa: ASYNC109

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Protocol

from fake_telegram import tl
from fake_telegram.failures import RpcFailure
from fake_telegram.media import MediaConverter
from fake_telegram.render import Renderer
from fake_telegram.rpc import TelegramRpc
from fake_telegram.signals import Signals
from fake_telegram.state import StoredMessage, World
from fake_telegram.views import BotMessage, WaitMode


class TelegramForPayments(Protocol):
    """What payments need of the fake Telegram (`FakeTelegram` is one); a protocol, so
    this module does not import the fake that builds it (no import circle)."""

    world: World
    render: Renderer
    media: MediaConverter
    rpc: TelegramRpc

    async def push(
        self, updates: tl.Updates, *, bot_id: int | None = None, timeout: float | None = None
    ) -> None: ...

    async def deliver_from(
        self,
        user_id: int,
        bot_id: int,
        updates: tl.Updates,
        *,
        key: Hashable,
        wait: WaitMode,
        timeout: float | None,
    ) -> object:
        """Deliver `updates` as something user `user_id` did, waiting as `wait` says."""
        ...


#: How long Telegram waits for the bot's answer to a pre-checkout query.
PRECHECKOUT_ANSWER_LIMIT = 10.0
TITLE_LIMIT, DESCRIPTION_LIMIT, PAYLOAD_LIMIT = 32, 255, 128


@dataclass
class Invoice:
    """An invoice the bot sent; `media` is the message's media (which message it is)."""

    bot_id: int
    media: tl.MessageMediaInvoice
    payload: bytes
    currency: str
    total_amount: int
    provider_token: str


@dataclass
class PreCheckoutQuery:
    query_id: int
    bot_id: int
    user_id: int
    answered: bool = False
    ok: bool = False
    error: str | None = None


@dataclass(frozen=True)
class Payment:
    """What came of `pay`: the bot's answer and, when it said yes, the payment made."""

    user_id: int
    bot_id: int
    answered: bool  # False: the bot did not answer within Telegram's 10 s
    accepted: bool
    error: str | None  # the bot's reason for saying no
    charge_id: str | None = None
    message_id: int | None = None  # the service message announcing the payment
    updates: tl.Updates | None = None


class FakePayments:
    def __init__(self, tg: TelegramForPayments) -> None:
        self.tg = tg
        self.invoices: list[Invoice] = []
        self.queries: dict[int, PreCheckoutQuery] = {}
        self._signals = Signals()
        tg.media.register(tl.InputMediaInvoice, self._invoice)
        tg.rpc.register(tl.MessagesSetBotPrecheckoutResults, self._precheckout_results)

    # -- what the bot calls ------------------------------------------------------------

    def _invoice(self, bot_id: int, media: tl.InputMediaInvoice) -> tl.MessageMediaInvoice:
        invoice = media.invoice
        if not 1 <= len(media.title) <= TITLE_LIMIT:
            raise RpcFailure("TITLE_INVALID" if media.title else "TITLE_EMPTY")
        if not 1 <= len(media.description) <= DESCRIPTION_LIMIT:
            raise RpcFailure("DESCRIPTION_INVALID")
        if not 1 <= len(media.payload) <= PAYLOAD_LIMIT:
            raise RpcFailure("INVOICE_PAYLOAD_INVALID")
        if invoice.currency != "XTR" and not media.provider:
            raise RpcFailure("PAYMENT_PROVIDER_INVALID")
        total = sum(price.amount for price in invoice.prices)
        if not invoice.prices or total <= 0:
            raise RpcFailure("CURRENCY_TOTAL_AMOUNT_INVALID")
        shown = tl.MessageMediaInvoice(
            title=media.title,
            description=media.description,
            currency=invoice.currency,
            total_amount=total,
            start_param=media.start_param or "",
            test=invoice.test,
        )
        self.invoices.append(
            Invoice(bot_id, shown, media.payload, invoice.currency, total, media.provider or "")
        )
        return shown

    def _precheckout_results(self, bot_id: int, query: tl.MessagesSetBotPrecheckoutResults) -> bool:
        record = self.queries.get(query.query_id)
        if record is None or record.bot_id != bot_id or record.answered:
            raise RpcFailure("QUERY_ID_INVALID")
        if not query.success and not query.error:
            raise RpcFailure("ERROR_TEXT_EMPTY")
        record.answered, record.ok, record.error = True, bool(query.success), query.error
        self._signals.notify(("precheckout", query.query_id))
        return True

    # -- what the user does ------------------------------------------------------------

    def invoice_of(self, message: BotMessage) -> Invoice:
        found = next((i for i in self.invoices if i.media is message.stored.media), None)
        if found is None:
            raise ValueError(f"message {message.id} is not an invoice of this fake")
        return found

    async def pay(
        self,
        user_id: int,
        message: BotMessage,
        *,
        wait: WaitMode = "handled",
        timeout: float | None = None,
        before_charge: Callable[[], Awaitable[None]] | None = None,
    ) -> Payment:
        """Pay the invoice `message`: the pre-checkout query, then (if the bot agrees)
        the successful payment, delivered as `wait` says. `before_charge` runs between
        the bot's yes and the charge (e.g. an admin bans the shopper right then)."""
        invoice = self.invoice_of(message)
        world = self.tg.world
        query = PreCheckoutQuery(world.random_long(), invoice.bot_id, user_id)
        self.queries[query.query_id] = query
        update = tl.UpdateBotPrecheckoutQuery(
            query_id=query.query_id,
            user_id=user_id,
            payload=invoice.payload,
            currency=invoice.currency,
            total_amount=invoice.total_amount,
        )
        box = world.mailbox(invoice.bot_id)
        updates = self.tg.render.updates(
            [update], [], viewer=invoice.bot_id, seq=box.next_seq(), extra_users=[user_id]
        )
        await self.tg.push(updates, bot_id=invoice.bot_id, timeout=timeout)
        limit = (
            PRECHECKOUT_ANSWER_LIMIT if timeout is None else min(timeout, PRECHECKOUT_ANSWER_LIMIT)
        )
        try:
            await self._signals.wait_until(
                ("precheckout", query.query_id),
                lambda: True if query.answered else None,
                limit,
                f"the bot's answer to pre-checkout query {query.query_id}",
            )
        except TimeoutError:
            return Payment(user_id, invoice.bot_id, answered=False, accepted=False, error=None)
        if not query.ok:
            return Payment(
                user_id, invoice.bot_id, answered=True, accepted=False, error=query.error
            )
        if before_charge is not None:
            await before_charge()
        return await self._paid(user_id, message, invoice, wait=wait, timeout=timeout)

    async def _paid(
        self,
        user_id: int,
        message: BotMessage,
        invoice: Invoice,
        *,
        wait: WaitMode,
        timeout: float | None,
    ) -> Payment:
        world = self.tg.world
        charge = tl.PaymentCharge(
            id=f"tg-charge-{world.random_long()}",
            provider_charge_id=f"provider-{world.random_long()}",
        )
        box = world.mailbox(invoice.bot_id)
        stored = StoredMessage(
            id=box.allocate_message_id(),
            chat_id=user_id,
            sender_id=user_id,
            outgoing=False,
            date=world.now(),
            reply_to_message_id=message.id,
            action=tl.MessageActionPaymentSentMe(
                currency=invoice.currency,
                total_amount=invoice.total_amount,
                payload=invoice.payload,
                charge=charge,
            ),
        )
        box.add(stored)
        update = self.tg.render.new_message(stored, viewer=invoice.bot_id, pts=box.next_pts())
        updates = self.tg.render.updates(
            [update], [stored], viewer=invoice.bot_id, seq=box.next_seq()
        )
        payment = Payment(
            user_id,
            invoice.bot_id,
            answered=True,
            accepted=True,
            error=None,
            charge_id=charge.id,
            message_id=stored.id,
            updates=updates,
        )
        await self._deliver(payment, updates, wait=wait, timeout=timeout)
        return payment

    async def deliver_again(
        self, payment: Payment, *, wait: WaitMode = "handled", timeout: float | None = None
    ) -> None:
        """Push the payment's successful_payment update again, as Telegram repeats an
        update: the same update (same pts) in a new container (the next seq)."""
        if payment.updates is None or payment.message_id is None:
            raise ValueError("this payment was not made: there is nothing to deliver")
        first = payment.updates
        again = tl.Updates(
            updates=first.updates,
            users=first.users,
            chats=first.chats,
            date=self.tg.world.now(),
            seq=self.tg.world.mailbox(payment.bot_id).next_seq(),
        )
        await self._deliver(payment, again, wait=wait, timeout=timeout)

    async def _deliver(
        self, payment: Payment, updates: tl.Updates, *, wait: WaitMode, timeout: float | None
    ) -> None:
        assert payment.message_id is not None
        # The driver's own delivery: the same waiting as for anything else she does.
        await self.tg.deliver_from(
            payment.user_id,
            payment.bot_id,
            updates,
            key=(payment.user_id, payment.message_id),
            wait=wait,
            timeout=timeout,
        )
