"""Callback data: compact, versioned, signed and bound to the user it was sent to.

`1:cart.rm:42:Xy3_a9Qk` is version `1`, action `cart.rm`, arguments `42`, and an 8-char
HMAC over (user id, version, action, arguments). Telegram allows 64 bytes. Data the bot
did not make (forged), made for someone else (a button pressed by another user), or of
an older version (stale) decodes to `None`, and the caller answers politely without
acting. Ownership of the things the arguments name is still checked by each handler.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

VERSION = "1"
MAX_BYTES = 64
SIGNATURE_LENGTH = 8
ARGUMENT = re.compile(r"[A-Za-z0-9_.-]{1,24}")


class CallbackTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...]

    def integer(self, index: int) -> int | None:
        """Argument `index` as an integer, or None when it is missing or not one."""
        if index >= len(self.args) or not self.args[index].lstrip("-").isdigit():
            return None
        return int(self.args[index])


class CallbackCodec:
    def __init__(self, secret: str) -> None:
        self._key = hashlib.sha256(b"shopbot-callbacks:" + secret.encode()).digest()

    def encode(self, user_id: int, action: str, *args: int | str) -> str:
        parts = [VERSION, action, *(str(arg) for arg in args)]
        for part in parts[1:]:
            if not ARGUMENT.fullmatch(part):
                raise ValueError(f"callback part {part!r} must match {ARGUMENT.pattern}")
        payload = ":".join(parts)
        data = f"{payload}:{self._sign(user_id, payload)}"
        if len(data.encode()) > MAX_BYTES:
            raise CallbackTooLong(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    def decode(self, user_id: int, data: str | bytes | None) -> Callback | None:
        if isinstance(data, bytes):
            try:
                data = data.decode()
            except UnicodeDecodeError:
                return None
        if not data or len(data.encode()) > MAX_BYTES:
            return None
        payload, _, signature = data.rpartition(":")
        parts = payload.split(":")
        if len(parts) < 2 or parts[0] != VERSION:
            return None
        if not hmac.compare_digest(signature, self._sign(user_id, payload)):
            return None
        return Callback(parts[1], tuple(parts[2:]))

    def _sign(self, user_id: int, payload: str) -> str:
        digest = hmac.new(self._key, f"{user_id}|{payload}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode()[:SIGNATURE_LENGTH]
