"""Helpers for the fake Telegram's tests: running a tiny bot, making a real PNG."""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypeVar

import anyio
from pyrogram import Client

T = TypeVar("T")


@asynccontextmanager
async def running(client: Client, stop_timeout: float = 5.0) -> AsyncIterator[Client]:
    """Start a bot client; stop it shielded, with a deadline (STACK_NOTES)."""
    await client.start()
    try:
        yield client
    finally:
        with anyio.CancelScope(shield=True), anyio.move_on_after(stop_timeout):
            await client.stop()


def tiny_png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def present(value: T | None) -> T:
    """Kurigram's methods return `X | None`; the tests expect a value."""
    assert value is not None
    return value
