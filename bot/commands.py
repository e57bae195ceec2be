"""What the bot's handlers ask of the actors: plain frozen dataclasses, no behaviour.

They live in `bot/` because handlers make them and DESIGN.md's dependencies point one
way (`actors -> bot -> models`); `actors.messages` re-exports them with the messages
the actors send each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from anyio.streams.memory import MemoryObjectSendStream

from models.catalogue_import import ImportRow
from models.catalogue_input import StockChange
from models.catalogue_upsert import ImportResult
from models.order_history import MoveNote
from models.stock import StockResult

# -- orders (order_processor) -----------------------------------------------------------


@dataclass(frozen=True)
class PlaceOrder:
    """Place the order of the shopper's checkout `checkout_key` (persisted with step
    `placing` before this is sent, so a lost message is picked up at the next start)."""

    telegram_id: int
    checkout_key: str


@dataclass(frozen=True)
class SetOrderStatus:
    """An admin moves an order from a card (`chat_id`, `message_id`: the card pressed,
    refreshed if the move is refused), with what goes with the move (`note`: a
    cancel's reason, a tracking number)."""

    order_id: int
    status: str
    admin_id: int
    chat_id: int
    message_id: int
    note: MoveNote = field(default_factory=MoveNote)


@dataclass(frozen=True)
class PaymentReceived:
    """Telegram reported a successful payment of an order's invoice."""

    telegram_id: int
    order_id: int
    charge_id: str
    total_amount: int
    currency: str


@dataclass(frozen=True)
class AdjustStock:
    """An admin sets or adjusts the stock of variants (all the changes or none). The
    order processor applies it and sends the `StockResult` to `reply` (request/reply:
    the handler awaits it, `bot.replies.ask`)."""

    admin_id: int
    changes: tuple[StockChange, ...]
    reply: MemoryObjectSendStream[StockResult]


@dataclass(frozen=True)
class ImportFailed:
    """The database refused an import's data (nothing was changed): `reason` is its error."""

    reason: str


ImportOutcome = ImportResult | ImportFailed


@dataclass(frozen=True)
class ImportCatalogue:
    """An admin sent a catalogue file whose every line is valid: apply `rows` in one
    transaction (stock is written only by the order processor) and send the outcome to
    `reply`, a one-shot stream (buffer 1) whose receiving end the handler awaits. Not
    persisted first: the admin waits for the answer, and sending the same file again is
    safe (an import is idempotent)."""

    admin_id: int
    rows: tuple[ImportRow, ...]
    reply: MemoryObjectSendStream[ImportOutcome]


# -- broadcasts (broadcast_sender) --------------------------------------------------


@dataclass(frozen=True)
class StartBroadcast:
    """A broadcast was confirmed (its row says `running`): send it."""

    broadcast_id: int


@dataclass(frozen=True)
class PauseBroadcast:
    broadcast_id: int
    by: int  # the superadmin who asked (Telegram id)


@dataclass(frozen=True)
class ResumeBroadcast:
    broadcast_id: int
    by: int


@dataclass(frozen=True)
class CancelBroadcast:
    broadcast_id: int
    by: int
