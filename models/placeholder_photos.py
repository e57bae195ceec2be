"""Placeholder product photos: plain PNG files drawn without any imaging library.

Each is a coloured card with a lighter panel in the middle, enough for a local run or
a test to have real images to upload (Telegram, and the fake, check that a photo is an
image).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

Colour = tuple[int, int, int]


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _lighter(colour: Colour) -> Colour:
    red, green, blue = colour
    return ((red + 255) // 2, (green + 255) // 2, (blue + 255) // 2)


def placeholder_png(width: int, height: int, colour: Colour) -> bytes:
    """A `width` x `height` RGB PNG: `colour` with a lighter panel inset by a sixth."""
    inset_x, inset_y = width // 6, height // 6
    edge = bytes(colour) * width
    panel = bytes(colour) * inset_x + bytes(_lighter(colour)) * (width - 2 * inset_x)
    panel += bytes(colour) * inset_x
    rows = [edge if y < inset_y or y >= height - inset_y else panel for y in range(height)]
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def write_placeholder(path: Path, colour: Colour, *, width: int = 600, height: int = 750) -> Path:
    """Write a placeholder PNG to `path` (its folder is created); returns the absolute path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(placeholder_png(width, height, colour))
    return path.resolve()
