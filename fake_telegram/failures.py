"""RPC errors the fake answers with, and the rules that inject them.

An error is answered the way Telegram does: the session gets a `RpcError(code,
message)` and Kurigram's own `RPCError.raise_it` turns it into an exception
(`FLOOD_WAIT_3` -> `FloodWait(value=3)`, which `Session.invoke` sleeps off itself).
The code of an error string comes from Kurigram's own error table, so what the fake
raises is what the bot would see from Telegram.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from pyrogram.errors.exceptions.all import exceptions as kurigram_errors

_PARAMETER = re.compile(r"_(\d+)")

# Errors listed under several codes in Kurigram's table, pinned to what Telegram sends
# to a bot. RANDOM_ID_DUPLICATE is also listed as 500; a 500 makes `Session.invoke`
# retry the same random_id ten times (1 s apart) and then raise TimeoutError, so the
# fake answers 400 unless told otherwise (`FakeTelegram.random_id_duplicate_code`).
_PREFERRED_CODES: Mapping[str, int] = MappingProxyType(
    {
        "USER_IS_BLOCKED": 403,
        "CHAT_WRITE_FORBIDDEN": 403,
        "MESSAGE_AUTHOR_REQUIRED": 403,
        "PEER_ID_INVALID": 400,
        "RANDOM_ID_DUPLICATE": 400,
        "FLOOD_WAIT_X": 420,
    }
)
_CODE_ORDER = (400, 403, 420, 401, 406, 303, 500, 503)


def error_id(message: str) -> str:
    """`FLOOD_WAIT_X` for `FLOOD_WAIT_42` (how Kurigram's table spells it)."""
    return _PARAMETER.sub("_X", message)


def code_for(message: str) -> int:
    """The RPC error code Telegram uses for an error string (400 when unknown)."""
    wanted = error_id(message)
    if wanted in _PREFERRED_CODES:
        return _PREFERRED_CODES[wanted]
    for code in _CODE_ORDER:
        if wanted in kurigram_errors.get(code, {}):
            return code
    return 400


class RpcFailure(Exception):
    """Raised inside the fake to answer a request with an RPC error."""

    def __init__(self, message: str, code: int | None = None) -> None:
        self.message = message
        self.code = code if code is not None else code_for(message)
        super().__init__(f"[{self.code} {self.message}]")


@dataclass
class FailureRule:
    """Answer `function` (e.g. "messages.SendMessage", or "*") with `error`.

    `times` is how many matching requests fail (None: all of them); `peer` limits the
    rule to requests about one chat (Bot API style id)."""

    function: str
    error: str
    code: int
    times: int | None = 1
    peer: int | None = None
    hits: int = 0

    def matches(self, function: str, peer: int | None) -> bool:
        if self.function not in ("*", function):
            return False
        return self.peer is None or self.peer == peer

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times


class Failures:
    """The injected failures of one fake Telegram, consumed in the order they were added."""

    def __init__(self) -> None:
        self.rules: list[FailureRule] = []

    def add(
        self,
        function: str,
        error: str,
        *,
        times: int | None = 1,
        peer: int | None = None,
        code: int | None = None,
    ) -> FailureRule:
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for every request)")
        rule = FailureRule(
            function=function,
            error=error,
            code=code if code is not None else code_for(error),
            times=times,
            peer=peer,
        )
        self.rules.append(rule)
        return rule

    def take(self, function: str, peer: int | None) -> RpcFailure | None:
        """The failure for this request, if a rule matches (and count it)."""
        for rule in self.rules:
            if rule.matches(function, peer):
                rule.hits += 1
                if rule.exhausted:
                    self.rules.remove(rule)
                return RpcFailure(rule.error, rule.code)
        return None

    def clear(self) -> None:
        self.rules.clear()
