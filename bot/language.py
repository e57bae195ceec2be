"""Which language a shopper reads: English for `en*`, Russian for anything else."""

from typing import Literal

Language = Literal["ru", "en"]
LANGUAGES: tuple[Language, ...] = ("ru", "en")


def pick_language(language_code: str | None) -> Language:
    if language_code and language_code.lower().startswith("en"):
        return "en"
    return "ru"
