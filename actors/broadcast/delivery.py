"""One recipient's delivery: address, wait for a slot, send raw, classify the answer.

The recipient is addressed from their stored access hash (`runtime.input_peers`): no
`users.GetUsers` per send and no entry in the session's peer store; a recipient whose
hash is not known yet is looked up by Kurigram as before.

Kurigram's `Session.invoke` sleeps off a FloodWait of up to `client.sleep_threshold`
(10 s) itself and retries; a broadcast send could then sit inside Kurigram while other
sends go on, and the promise "a flood wait pauses all broadcast sending" would break.
So broadcast sends are invoked with `sleep_threshold=0` (every FloodWait comes back
here and closes the pacer's gate for everyone) and `retries=1` (transient failures come
back here too, and are retried with a bounded, growing backoff, each retry waiting on
the limiter again).

Outcomes:
* sent: Telegram took it, or answered RANDOM_ID_DUPLICATE (it had it already: a re-send
  after a crash, or a lost answer);
* blocked: USER_IS_BLOCKED, INPUT_USER_DEACTIVATED and kin (the user is marked);
* failed: PEER_ID_INVALID and any other permanent error, with the reason; transient
  errors (timeouts, 5xx) once the retries are spent;
* broken: an error about the message itself (too long, bad entities, bad button or
  photo), the same for every recipient: the broadcast stops as failed.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
from pyrogram import Client
from pyrogram.errors import FloodWait, InternalServerError, ServiceUnavailable
from pyrogram.errors.rpc_error import RPCError

from actors.broadcast.pacing import Pacer
from bot.superadmin.broadcasts.content import BroadcastContent, random_id_for
from runtime.input_peers import input_peer, invoke_direct

DUPLICATE = "RANDOM_ID_DUPLICATE"
BLOCKED_ERRORS = frozenset(
    {"USER_IS_BLOCKED", "INPUT_USER_DEACTIVATED", "USER_DEACTIVATED", "USER_DEACTIVATED_BAN"}
)
MESSAGE_ERRORS = frozenset(
    {
        "MESSAGE_EMPTY",
        "MESSAGE_TOO_LONG",
        "MEDIA_CAPTION_TOO_LONG",
        "ENTITY_BOUNDS_INVALID",
        "ENTITIES_TOO_LONG",
        "ENTITY_TEXTURL_INVALID",
        "BUTTON_URL_INVALID",
        "BUTTON_DATA_INVALID",
        "BUTTON_TEXT_INVALID",
        "BUTTON_TYPE_INVALID",
        "REPLY_MARKUP_INVALID",
        "REPLY_MARKUP_TOO_LONG",
        "MEDIA_EMPTY",
        "MEDIA_INVALID",
        "PHOTO_INVALID",
        "PHOTO_INVALID_DIMENSIONS",
        "FILE_REFERENCE_EXPIRED",
        "FILE_REFERENCE_INVALID",
        "FILE_ID_INVALID",
    }
)
_UNKNOWN = re.compile(r"^\[-?\d+ (?P<name>[^\]]+)\]$")


class Result(enum.Enum):
    SENT = "sent"
    BLOCKED = "blocked"
    FAILED = "failed"
    BROKEN = "broken"
    UNSENT = "unsent"  # the broadcast was stopping: not sent, still pending


@dataclass(frozen=True, slots=True)
class Delivery:
    result: Result
    error: str | None = None
    duplicate: bool = False  # Telegram already had it (RANDOM_ID_DUPLICATE)
    attempts: int = 1


def error_name(error: BaseException) -> str:
    """`USER_IS_BLOCKED`, `FLOOD_WAIT_X`, the raw name of an error Kurigram does not
    know (`[400 SOMETHING_NEW]` -> `SOMETHING_NEW`), else the exception's class."""
    if isinstance(error, RPCError):
        if error.ID:
            return error.ID
        match = _UNKNOWN.match(str(error.value)) if isinstance(error.value, str) else None
        if match:
            return match.group("name")
    if isinstance(error, TimeoutError):
        return "TIMEOUT"
    return type(error).__name__


@dataclass
class Sender:
    """Sends one broadcast's content to recipients; shared by all its send tasks."""

    client: Client
    pacer: Pacer
    content: BroadcastContent
    broadcast_id: int
    nonce: int  # the broadcast's random number (`random_id_for`)
    paid: bool = False
    retries: int = 3  # transient failures retried this many times, then failed
    backoff: float = 0.5  # seconds before the first retry, doubling each time
    timeout: float = 15.0  # one send's wait for Telegram's answer
    on_flood: Callable[[int], None] | None = None  # told the seconds of each flood wait
    stopped: Callable[[], bool] = lambda: False  # checked once a slot is had

    async def deliver(self, telegram_id: int, access_hash: int | None = None) -> Delivery:
        attempts = 0
        while True:
            attempts += 1
            try:
                peer = await input_peer(self.client, telegram_id, access_hash)
                await self.pacer.slot()
                if self.stopped():
                    return Delivery(Result.UNSENT, attempts=attempts)
                await self._send(peer, telegram_id)
                return Delivery(Result.SENT, attempts=attempts)
            except FloodWait as flood:
                self._flood(flood)
                attempts -= 1  # a flood wait is not a failed attempt
            except (InternalServerError, ServiceUnavailable, OSError) as error:
                if attempts > self.retries:
                    return Delivery(Result.FAILED, error_name(error), attempts=attempts)
                await anyio.sleep(self.backoff * 2 ** (attempts - 1))
            except RPCError as error:
                return self._classify(error, attempts)

    async def _send(self, peer: Any, telegram_id: int) -> None:
        request = self.content.request(
            peer, random_id_for(self.broadcast_id, telegram_id, self.nonce), paid=self.paid
        )
        await invoke_direct(
            self.client,
            request,
            retries=1,
            timeout=self.timeout,
            sleep_threshold=0,
            retry_delay=0,
        )

    def _flood(self, flood: FloodWait) -> None:
        seconds = flood.value if isinstance(flood.value, int) else 1
        self.pacer.gate.close_for(seconds)
        if self.on_flood is not None:
            self.on_flood(seconds)

    @staticmethod
    def _classify(error: RPCError, attempts: int) -> Delivery:
        name = error_name(error)
        if name == DUPLICATE:
            return Delivery(Result.SENT, duplicate=True, attempts=attempts)
        if name in BLOCKED_ERRORS:
            return Delivery(Result.BLOCKED, name, attempts=attempts)
        if name in MESSAGE_ERRORS:
            return Delivery(Result.BROKEN, name, attempts=attempts)
        return Delivery(Result.FAILED, name, attempts=attempts)
