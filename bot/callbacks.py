"""Callback data: compact, versioned, signed, bound to the user it was sent to, typed.

`2:cart.rm:42:Xy3_a9Qk0bT` is version `2`, action `cart.rm`, arguments `42`, and an
11-character (66-bit) HMAC-SHA256 over (user id, version, action, arguments). Telegram
allows 64 bytes. Data the bot did not make (forged), made for someone else (a button
pressed by another user), or of an older version (stale) decodes to `None`, and the
caller answers politely without acting.

Each action declares its arguments once, with their types and ranges (`Action`, as
aiogram's `CallbackData` does): the bot cannot build a button whose arguments do not
fit, and the router turns away data whose arguments do not fit (a stale or forged
press) before any handler runs, so a number read from a button is always within what
its column holds. Ownership of the things the arguments name is still checked by each
handler. The codec's key comes from `runtime.callback_key` (never the raw bot token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from models.ids import SERIAL_ID_MAX

VERSION = "2"
MAX_BYTES = 64
SIGNATURE_LENGTH = 11  # base64url characters of the HMAC: 66 bits
MIN_KEY_BYTES = 32
ARGUMENT = re.compile(r"[A-Za-z0-9_.-]{1,24}")
INTEGER = re.compile(r"-?[0-9]{1,20}")

Value = int | str


class CallbackTooLong(ValueError):
    """Raised when signed data would exceed Telegram's 64 bytes (a bot bug: an action
    whose declared arguments cannot fit)."""

    def __init__(self, data: str) -> None:
        super().__init__(f"callback data over {MAX_BYTES} bytes: {data!r}")
        self.data = data


class Arg(ABC):
    """One declared argument of an action."""

    @abstractmethod
    def parse(self, raw: str) -> Value | None:
        """The value `raw` stands for, or None when it does not fit."""

    @abstractmethod
    def longest(self) -> int:
        """Characters of the longest value that fits."""


@dataclass(frozen=True)
class Int(Arg):
    """A whole number from `low` to `high`."""

    low: int
    high: int

    def parse(self, raw: str) -> Value | None:
        if not INTEGER.fullmatch(raw):
            return None
        value = int(raw)
        return value if self.low <= value <= self.high else None

    def longest(self) -> int:
        return max(len(str(self.low)), len(str(self.high)))


@dataclass(frozen=True)
class Choice(Arg):
    """One of a few words."""

    values: tuple[str, ...]

    def parse(self, raw: str) -> Value | None:
        return raw if raw in self.values else None

    def longest(self) -> int:
        return max(len(value) for value in self.values)


@dataclass(frozen=True)
class Token(Arg):
    """An opaque word of URL-safe characters, `shortest` to `length` long."""

    shortest: int
    length: int

    def parse(self, raw: str) -> Value | None:
        fits = self.shortest <= len(raw) <= self.length
        return raw if fits and re.fullmatch(r"[A-Za-z0-9_-]+", raw) else None

    def longest(self) -> int:
        return self.length


#: A row's id (serial keys are int4) and a page number, as buttons carry them.
ROW_ID = Int(1, SERIAL_ID_MAX)
PAGE = Int(0, 99_999)


class Action:
    """A button's action and its arguments, declared once: `Action("cart.qty", ROW_ID,
    Int(1, 10))`. Equal actions have the same name and arguments."""

    __slots__ = ("args", "name")

    def __init__(self, name: str, *args: Arg) -> None:
        if not ARGUMENT.fullmatch(name):
            raise ValueError(f"action name {name!r} must match {ARGUMENT.pattern}")
        self.name = name
        self.args = args

    def parse(self, raw: Sequence[str]) -> tuple[Value, ...] | None:
        """The arguments' values, or None when they do not fit the declaration."""
        if len(raw) != len(self.args):
            return None
        values: list[Value] = []
        for arg, part in zip(self.args, raw, strict=True):
            value = arg.parse(part)
            if value is None:
                return None
            values.append(value)
        return tuple(values)

    def parts(self, values: Sequence[Value]) -> tuple[str, ...]:
        """`values` as data parts; ValueError when they do not fit (a bot bug)."""
        parts = tuple(str(value) for value in values)
        if self.parse(parts) is None:
            raise ValueError(f"arguments {tuple(values)!r} do not fit action {self.name!r}")
        return parts

    def longest_data(self) -> int:
        """Bytes of this action's longest signed data."""
        parts = [VERSION, self.name, *("x" * arg.longest() for arg in self.args)]
        return len(":".join(parts)) + 1 + SIGNATURE_LENGTH

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Action) and (self.name, self.args) == (other.name, other.args)

    def __hash__(self) -> int:
        return hash((self.name, self.args))

    def __repr__(self) -> str:
        return f"Action({', '.join(map(repr, (self.name, *self.args)))})"


@dataclass(frozen=True)
class Callback:
    """Decoded data: the action's name and its arguments as sent."""

    action: str
    args: tuple[str, ...]

    def integer(self, index: int) -> int | None:
        """Argument `index` as an integer, or None when it is missing or not one."""
        if index >= len(self.args) or not INTEGER.fullmatch(self.args[index]):
            return None
        return int(self.args[index])

    def text(self, index: int) -> str:
        """Argument `index` as sent ("" when missing)."""
        return self.args[index] if index < len(self.args) else ""


class CallbackCodec:
    """Signs and checks callback data with a key of at least 32 bytes."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"a callback key needs at least {MIN_KEY_BYTES} bytes")
        # Keyed once: each signature copies it (the key's two hashed blocks are not
        # worked out again for every button).
        self._keyed = hmac.new(key, digestmod=hashlib.sha256)

    def encode(self, user_id: int, action: Action, *args: Value) -> str:
        """Data for a button `user_id` may press; ValueError when `args` do not fit
        the action's declaration."""
        return self.sign(user_id, action.name, *action.parts(args))

    def sign(self, user_id: int, action: str, *args: Value) -> str:
        """Signed data from raw parts, not checked against any declaration (`encode`
        builds on it; tests use it to forge what a tampered client could send)."""
        parts = [VERSION, action, *(str(arg) for arg in args)]
        for part in parts[1:]:
            if not ARGUMENT.fullmatch(part):
                raise ValueError(f"callback part {part!r} must match {ARGUMENT.pattern}")
        payload = ":".join(parts)
        data = f"{payload}:{self._signature(user_id, payload)}"
        if len(data.encode()) > MAX_BYTES:
            raise CallbackTooLong(data)
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
        if not hmac.compare_digest(signature, self._signature(user_id, payload)):
            return None
        return Callback(parts[1], tuple(parts[2:]))

    def _signature(self, user_id: int, payload: str) -> str:
        signer = self._keyed.copy()
        signer.update(f"{user_id}|{payload}".encode())
        return base64.urlsafe_b64encode(signer.digest()).decode()[:SIGNATURE_LENGTH]
