"""Telegram's length limits, and cutting or splitting text cleanly to fit them.

Telegram counts UTF-16 code units, not characters: an emoji outside the Basic
Multilingual Plane counts twice. A message's text may be 4096 units, a media caption
1024. `cut` shortens at a word boundary and ends with "…"; `split` breaks a long text
into messages at paragraph, line or word boundaries.
"""

from __future__ import annotations

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
ELLIPSIS = "…"


def telegram_length(text: str) -> int:
    """The length Telegram checks against its limits (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _longest_prefix(text: str, limit: int) -> str:
    """The longest prefix of `text` whose Telegram length is at most `limit`."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text


def _boundary(head: str, separators: tuple[str, ...]) -> int | None:
    """Where to break `head`: the last separator in its second half, if any."""
    for separator in separators:
        position = head.rfind(separator)
        if position > len(head) // 2:
            return position
    return None


def cut(text: str, limit: int) -> str:
    """`text` if it fits in `limit`, else its beginning up to a word boundary + "…"."""
    if telegram_length(text) <= limit:
        return text
    head = _longest_prefix(text, limit - telegram_length(ELLIPSIS))
    boundary = _boundary(head, ("\n", " "))
    if boundary is not None:
        head = head[:boundary]
    return head.rstrip() + ELLIPSIS


def split(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """`text` in pieces of at most `limit`, broken at the best boundary available."""
    pieces: list[str] = []
    rest = text
    while telegram_length(rest) > limit:
        head = _longest_prefix(rest, limit)
        boundary = _boundary(head, ("\n\n", "\n", " ")) or len(head)
        pieces.append(head[:boundary].rstrip())
        rest = rest[boundary:].lstrip()
    if rest.strip():
        pieces.append(rest)
    return pieces
