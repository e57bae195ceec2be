"""Cleaning text that people typed (or that their Telegram profile carries) before it is
stored: the one place that says which characters the shop keeps.

Removed: control characters (Unicode category Cc: NUL, which PostgreSQL refuses in text,
escape sequences, bells...), lone surrogates (Cs, which cannot be encoded), Unicode
noncharacters, and the invisible format characters that can hide or reorder what an
admin reads (bidi embeddings, overrides and isolates, zero-width space, word joiner,
byte order mark, soft hyphen). Kept: every script, right-to-left text and its marks
(LRM/RLM), emoji with their joiners (ZWJ) and variation selectors.

Line breaks (\\r\\n, \\r, U+2028/2029, NEL, VT, FF) become \\n where the field may have
several lines, and a space where it may not; runs of other whitespace become one space;
the result is NFC-normalised and stripped. Pure functions, no I/O: any layer may use
them (dependencies point main -> actors -> bot -> models -> runtime). Length rules stay
with each field: a typed answer that is too long is asked again, a profile name is cut.
"""

from __future__ import annotations

import re
import unicodedata

#: Format characters (Cf) that are invisible yet change how the text around them reads.
UNSAFE_FORMAT_CHARACTERS = frozenset(
    [
        "\u00ad",  # soft hyphen
        "\u200b",  # zero-width space
        *(chr(c) for c in range(0x202A, 0x202F)),  # LRE, RLE, PDF, LRO, RLO
        "\u2060",  # word joiner
        *(chr(c) for c in range(0x2061, 0x2065)),  # invisible operators
        *(chr(c) for c in range(0x2066, 0x206A)),  # LRI, RLI, FSI, PDI
        *(chr(c) for c in range(0x206A, 0x2070)),  # deprecated format characters
        "\ufeff",  # byte order mark / zero-width no-break space
        *(chr(c) for c in range(0xFFF9, 0xFFFC)),  # interlinear annotation
    ]
)
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")
_CRLF = re.compile(r"\r\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def _is_noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _kept(char: str) -> str:
    """What `char` becomes: itself, "\\n" for a line break, "" when it is removed."""
    if char in LINE_BREAKS:
        return "\n"
    if char == "\t":
        return " "
    category = unicodedata.category(char)
    if category in ("Cc", "Cs") or char in UNSAFE_FORMAT_CHARACTERS or _is_noncharacter(char):
        return ""
    return char


def _squeezed(line: str) -> str:
    return " ".join(line.split())


def clean_text(raw: str, *, multiline: bool = False) -> str:
    """`raw` without unsafe characters, whitespace tidied, NFC; may be "" (see module)."""
    kept = "".join(_kept(char) for char in _CRLF.sub("\n", raw))
    text = unicodedata.normalize("NFC", kept)
    if not multiline:
        return _squeezed(text)
    lines = "\n".join(_squeezed(line) for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip()


def cut_to(text: str, length: int) -> str:
    """`text` cut to at most `length` characters (for what cannot be asked again, such
    as a name from a Telegram profile), without trailing spaces."""
    return text[:length].rstrip()


def has_letters_or_digits(text: str, *, digits: bool = True) -> bool:
    """Whether `text` has a letter (or, with `digits`, a digit) in any script: an
    answer of only emoji, punctuation or joiners says nothing to a courier."""
    wanted = ("L", "N") if digits else ("L",)
    return any(unicodedata.category(char)[0] in wanted for char in text)
