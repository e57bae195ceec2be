"""Counts every request the bot makes to Telegram, through a thin wrapper on `invoke`.

Every high-level Kurigram method ends in `Client.invoke`, so wrapping it on the
client instance (once, when the actors are wired) sees every request: counted by
method, failures by method and error, and every FloodWait that comes back to the caller
(count, seconds, the recent ones for the System screen). A wait longer than
`long_flood` seconds raises an alert.

Waits Kurigram's `Session.invoke` sleeps off itself (up to the client's
`sleep_threshold`, 10 s) never reach `invoke`'s caller: Kurigram only logs them, with
the client's name, the seconds and the method. `SessionFloodWaits` is a `logging`
handler on Kurigram's session logger that counts those lines as flood waits too; the
metrics collector installs it while it runs.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from pyrogram import Client
from pyrogram.errors import FloodWait
from pyrogram.errors.rpc_error import RPCError

from actors.metrics.series import ShopSeries
from bot.system_status import FloodWaitSeen
from runtime.alerts import Alert, AlertChannel, Severity

#: How many recent flood waits the System screen lists.
RECENT_FLOOD_WAITS = 10


def method_of(query: Any) -> str:
    """``messages.SendMessage`` for a raw function (wrappers such as
    ``InvokeWithoutUpdates`` name what they wrap)."""
    inner = getattr(query, "query", None)
    if inner is not None and hasattr(inner, "QUALNAME"):
        query = inner
    qualname = str(getattr(query, "QUALNAME", type(query).__name__))
    return qualname.removeprefix("functions.")


def error_of(error: BaseException) -> str:
    if isinstance(error, RPCError) and error.ID:
        return str(error.ID)
    return type(error).__name__


@dataclass
class TelegramMeter:
    series: ShopSeries
    alerts: AlertChannel
    long_flood: float = 60.0

    def __post_init__(self) -> None:
        self.recent_floods: deque[FloodWaitSeen] = deque(maxlen=RECENT_FLOOD_WAITS)

    def install(self, client: Client) -> None:
        """Wrap ``client.invoke`` (on this instance only)."""
        invoke = client.invoke

        async def counted(query: Any, *args: Any, **kwargs: Any) -> Any:
            method = method_of(query)
            self.series.telegram_requests.labels(method).inc()
            try:
                return await invoke(query, *args, **kwargs)
            except FloodWait as flood:
                self.series.telegram_errors.labels(method, "FLOOD_WAIT_X").inc()
                value = flood.value
                self.flood_waited(method, int(value) if isinstance(value, int | float | str) else 0)
                raise
            except Exception as error:
                self.series.telegram_errors.labels(method, error_of(error)).inc()
                raise

        client.invoke = counted  # type: ignore[method-assign]

    def flood_waited(self, method: str, seconds: int) -> None:
        self.series.flood_waits.inc()
        self.series.flood_wait_seconds.inc(seconds)
        self.recent_floods.append(FloodWaitSeen(time.time(), method, seconds))
        if seconds > self.long_flood:
            self.alerts.send(
                Alert(
                    "telegram",
                    f"Telegram asked the bot to wait {seconds} s (FloodWait) on {method}; "
                    "requests of that kind fail until then.",
                    Severity.WARNING,
                    key=f"flood_wait:{method}",
                    details={"method": method, "seconds": str(seconds)},
                )
            )


#: Kurigram's session logger, and the message it logs before sleeping off a FloodWait.
SESSION_LOGGER = "pyrogram.session.session"
SLEEPING_OFF = '[%s] Waiting for %s seconds before continuing (required by "%s")'


class SessionFloodWaits(logging.Handler):
    """Counts the FloodWaits Kurigram sleeps off inside `Session.invoke` (see the module
    docstring): the ones `TelegramMeter`'s wrapper never sees."""

    def __init__(self, meter: TelegramMeter, client_name: str) -> None:
        super().__init__(level=logging.WARNING)
        self._meter = meter
        self._client_name = client_name

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args
        if record.msg != SLEEPING_OFF or not isinstance(args, tuple) or len(args) != 3:
            return
        client_name, seconds, query_name = args
        if client_name != self._client_name:
            return
        try:
            waited = int(float(str(seconds)))
        except ValueError:
            return
        self._meter.flood_waited(str(query_name), waited)

    def install(self) -> None:
        logging.getLogger(SESSION_LOGGER).addHandler(self)

    def remove(self) -> None:
        logging.getLogger(SESSION_LOGGER).removeHandler(self)
