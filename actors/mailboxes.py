"""Mailboxes: the bounded memory object streams the actors talk through.

Every stream is created once, when the supervisor is built, and its original ends are
kept open until the supervisor's ``run()`` ends. Actors (and outside producers) only ever
get ``clone()``s. Closing a clone never closes the stream while the originals are open,
so a crashed and restarted actor finds its inbox where it left it, with the messages still
buffered, and a producer never sees ``BrokenResourceError`` or ``EndOfStream``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.streams.memory import (
    MemoryObjectReceiveStream,
    MemoryObjectSendStream,
    MemoryObjectStreamStatistics,
)


@dataclass(frozen=True)
class MailboxSpec:
    """A mailbox declared as data: its name and its buffer size (messages)."""

    name: str
    capacity: int

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a mailbox needs a name")
        if self.capacity < 0:
            raise ValueError(f"mailbox {self.name!r}: capacity must be >= 0")


class Mailboxes:
    """The set of streams of one supervisor, by name, holding their original ends."""

    def __init__(self, specs: Sequence[MailboxSpec]) -> None:
        self._streams: dict[
            str, tuple[MemoryObjectSendStream[Any], MemoryObjectReceiveStream[Any]]
        ] = {}
        for spec in specs:
            if spec.name in self._streams:
                raise ValueError(f"mailbox {spec.name!r} is declared twice")
            self._streams[spec.name] = anyio.create_memory_object_stream[Any](spec.capacity)

    def names(self) -> list[str]:
        """The declared mailbox names, in declaration order."""
        return list(self._streams)

    def __contains__(self, name: object) -> bool:
        return name in self._streams

    def clone_sender(self, name: str) -> MemoryObjectSendStream[Any]:
        """A new send end of mailbox ``name``; the caller owns it and must close it."""
        return self._ends(name)[0].clone()

    def clone_receiver(self, name: str) -> MemoryObjectReceiveStream[Any]:
        """A new receive end of mailbox ``name``; the caller owns it and must close it."""
        return self._ends(name)[1].clone()

    def original_sender(self, name: str) -> MemoryObjectSendStream[Any]:
        """The supervisor's own send end (do not close it; use for ``send_nowait``)."""
        return self._ends(name)[0]

    def statistics(self, name: str) -> MemoryObjectStreamStatistics:
        """Buffer use and open ends of mailbox ``name`` (for the metrics collector)."""
        return self._ends(name)[1].statistics()

    def close(self) -> None:
        """Close the original ends (at the end of the supervisor's life)."""
        for send, receive in self._streams.values():
            send.close()
            receive.close()

    def _ends(
        self, name: str
    ) -> tuple[MemoryObjectSendStream[Any], MemoryObjectReceiveStream[Any]]:
        try:
            return self._streams[name]
        except KeyError:
            raise KeyError(
                f"no mailbox named {name!r} (declared: {', '.join(self._streams)})"
            ) from None
