"""A network-free Telegram that the real Kurigram code runs against.

It plugs in at `pyrogram.session.Session.send`: `Client.start/stop`, `Client.invoke`,
`Session.invoke` (FloodWait sleep-and-retry), `RPCError.raise_it`, the parsers, the
dispatcher, filters and handlers all stay real. See DESIGN.md, "Telegram without
Telegram".

Modules: `state` (the world: plain data), `tl` (typed raw TL names), `wire` (TL round
trips), `render` (world -> TL), `media` (uploads and files), `failures` (RPC errors and
injected failures), `rpc` (answers TL functions), `updates` (what users do -> full
`Updates`), `signals` (event-based waiting), `payments` (invoices, pre-checkout
queries, successful payments), `session` (the fake Session: the seam), `client` (bot
clients attached to a fake), `telegram` (`FakeTelegram`), `driver` (simulated users),
`pytest_plugin` (the `fake_telegram` fixture).
"""

from fake_telegram.driver import KeyboardGone, MessageGone, SimulatedUser
from fake_telegram.failures import FailureRule, RpcFailure
from fake_telegram.payments import Payment
from fake_telegram.state import World
from fake_telegram.telegram import (
    DEFAULT_BOT_ID,
    FakeTelegram,
    HandlerError,
    RequestRecord,
)
from fake_telegram.views import BotMessage, Button, WaitMode

__all__ = [
    "DEFAULT_BOT_ID",
    "BotMessage",
    "Button",
    "FailureRule",
    "FakeTelegram",
    "HandlerError",
    "KeyboardGone",
    "MessageGone",
    "Payment",
    "RequestRecord",
    "RpcFailure",
    "SimulatedUser",
    "WaitMode",
    "World",
]
