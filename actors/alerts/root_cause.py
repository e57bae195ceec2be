"""Names the root cause of a crash for alerts: the real error, not its wrappers.

An actor that runs a task group crashes with "ExceptionGroup: unhandled errors in a
TaskGroup"; the error worth reading is inside. :func:`root_cause` unwraps exception
groups (nested ones too; cancellations are not causes) and follows explicit causes
(``raise X from Y`` names Y as the reason for X) to the innermost error. Implicit
context (an error raised *while handling* another) is not followed: the handled error
was expected, the new one is the bug.

The text is not scrubbed here: alerts are scrubbed when they are sent, logs by their
patcher (`runtime.logs`).
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass

MAX_MESSAGE = 300


@dataclass(frozen=True)
class RootCause:
    """The innermost real error: its type, its message, where it was raised."""

    kind: str  # "ValueError", or "module.Name" outside the builtins
    message: str  # str(error), cut to MAX_MESSAGE characters
    where: str  # "module:line" of the frame that raised it, or "unknown place"
    others: int = 0  # further errors in the same exception group

    def __str__(self) -> str:
        text = f"{self.kind}: {self.message}" if self.message else self.kind
        text += f" (raised at {self.where})"
        if self.others:
            text += f" (+{self.others} more errors)"
        return text


def root_cause(error: BaseException) -> RootCause:
    """The root cause of ``error`` (see the module docstring)."""
    others = 0
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, BaseExceptionGroup):
            leaves = _leaves(error)
            if not leaves:
                break
            others += len(leaves) - 1
            error = leaves[0]
        elif error.__cause__ is not None:
            error = error.__cause__
        else:
            break
    return RootCause(_kind(error), _message(error), _where(error), others)


def _leaves(group: BaseExceptionGroup[BaseException]) -> list[BaseException]:
    """The errors in ``group`` and its subgroups, in order, cancellations left out."""
    leaves: list[BaseException] = []
    for error in group.exceptions:
        if isinstance(error, BaseExceptionGroup):
            leaves.extend(_leaves(error))
        elif isinstance(error, Exception):
            leaves.append(error)
    return leaves


def _kind(error: BaseException) -> str:
    kind = type(error)
    if kind.__module__ == builtins.__name__:
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


def _message(error: BaseException) -> str:
    message = str(error).strip()
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return message


def _where(error: BaseException) -> str:
    """The module and line of the innermost frame of the error's traceback."""
    tb = error.__traceback__
    if tb is None:
        return "unknown place"
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = tb.tb_frame.f_globals.get("__name__") or tb.tb_frame.f_code.co_filename
    return f"{module}:{tb.tb_lineno}"
