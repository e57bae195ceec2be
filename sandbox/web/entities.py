"""Telegram text with its entities as safe HTML: what a chat bubble shows.

Offsets and lengths are in UTF-16 code units, as Telegram counts them. Every piece of
text is escaped; only the tags below are ever produced, and a link's address is kept
only for http(s), tg and mailto (no `javascript:`). Entities are expected nested, as
Telegram's parsers make them; one that crosses another is closed with it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

_SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")

#: Entity type name -> (opening tag, closing tag); links are built apart.
_TAGS: dict[str, tuple[str, str]] = {
    "MessageEntityBold": ("<b>", "</b>"),
    "MessageEntityItalic": ("<i>", "</i>"),
    "MessageEntityUnderline": ("<u>", "</u>"),
    "MessageEntityStrike": ("<s>", "</s>"),
    "MessageEntityCode": ("<code>", "</code>"),
    "MessageEntityPre": ("<pre>", "</pre>"),
    "MessageEntitySpoiler": ('<span class="spoiler">', "</span>"),
    "MessageEntityBlockquote": ("<blockquote>", "</blockquote>"),
}


def _link(url: str) -> tuple[str, str]:
    if not url.lower().startswith(_SAFE_SCHEMES):
        return '<span class="link">', "</span>"
    href = html.escape(url, quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer">', "</a>"


def _tags(entity: object, text: str) -> tuple[str, str] | None:
    name = type(entity).__name__
    if name == "MessageEntityTextUrl":
        return _link(str(getattr(entity, "url", "")))
    if name == "MessageEntityUrl":
        return _link(text if "://" in text else f"https://{text}")
    return _TAGS.get(name)


def _escape(units: bytes) -> str:
    return html.escape(units.decode("utf-16-le", errors="replace"), quote=False)


def to_html(text: str, entities: Sequence[object]) -> str:
    """`text` as HTML with its formatting entities applied (newlines become <br>)."""
    units = text.encode("utf-16-le")
    size = len(units) // 2
    spans: list[tuple[int, int, str, str]] = []
    for entity in entities:
        start = int(getattr(entity, "offset", 0))
        end = min(size, start + int(getattr(entity, "length", 0)))
        if not 0 <= start < end:
            continue
        tags = _tags(entity, units[start * 2 : end * 2].decode("utf-16-le", errors="replace"))
        if tags is not None:
            spans.append((start, end, *tags))
    spans.sort(key=lambda span: (span[0], -span[1]))
    out: list[str] = []
    open_spans: list[tuple[int, int, str, str]] = []
    position = 0
    for boundary in sorted({0, size, *(s[0] for s in spans), *(s[1] for s in spans)}):
        out.append(_escape(units[position * 2 : boundary * 2]))
        position = boundary
        while open_spans and open_spans[-1][1] <= boundary:
            out.append(open_spans.pop()[3])
        for start, end, opening, closing in spans:
            if start == boundary:
                # one crossing a still-open one ends with it: the tags stay nested
                clipped = min([end, *(o[1] for o in open_spans)])
                open_spans.append((start, clipped, opening, closing))
                out.append(opening)
    while open_spans:
        out.append(open_spans.pop()[3])
    return "".join(out).replace("\n", "<br>")
