"""Orders the database refused: the order processor's answer to a placement that failed
for a reason retrying cannot cure (`runtime.db_refusals`).

The checkout is already back at its summary (`order_placement.place` did that, so the
start-up catch-up and the scan never replay it). Here the admins get one `Alert` per
failure (folded by the alert dispatcher when many come together) and the shopper a
message with Edit / Cancel. A send Telegram refuses is logged and skipped, as every
order notice is.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from anyio.streams.memory import MemoryObjectSendStream
from loguru import logger
from pyrogram import Client
from pyrogram.enums import ParseMode
from pyrogram.errors import InputUserDeactivated, UserIsBlocked
from pyrogram.errors.rpc_error import RPCError

from actors.messages import Alert, Severity
from actors.names import ORDER_PROCESSOR
from actors.orders.placement import Failed
from bot.callbacks import CallbackCodec
from bot.checkout.failed import failed_notice
from bot.language import Language
from models.users import get_user, mark_bot_blocked

orders_log = logger.bind(actor=ORDER_PROCESSOR)

ALERT_KEY = "order:placement_failed"


@dataclass
class PlacementFailures:
    client: Client
    codec: CallbackCodec
    alerts: MemoryObjectSendStream[Alert]

    def alert(self, failed: Failed) -> None:
        """Tell the superadmins; never blocks the processor (a full inbox drops it)."""
        alert = Alert(
            ORDER_PROCESSOR,
            f"An order of shopper {failed.telegram_id} could not be placed: the database "
            "refused its data. The shopper was asked to check the answers.",
            Severity.WARNING,
            key=ALERT_KEY,
            details={"checkout": failed.checkout_key, "error": failed.reason},
        )
        try:
            self.alerts.send_nowait(alert)
        except anyio.WouldBlock:
            orders_log.warning("alerts inbox full; dropped {}", ALERT_KEY)

    async def tell_shopper(self, failed: Failed) -> None:
        """Why the order was not placed, with Edit / Cancel, in the shopper's language."""
        user = await get_user(failed.telegram_id)
        language: Language = "en" if user is not None and user.language == "en" else "ru"
        message, markup = failed_notice(
            self.codec, failed.telegram_id, failed.checkout_key, language
        )
        try:
            await self.client.send_message(
                failed.telegram_id, message, parse_mode=ParseMode.DISABLED, reply_markup=markup
            )
        except (UserIsBlocked, InputUserDeactivated):
            await mark_bot_blocked(failed.telegram_id)
        except RPCError as error:
            orders_log.warning(
                "failure notice to {} not sent: {}",
                failed.telegram_id,
                error.ID or type(error).__name__,
            )
