"""Every text exists in both languages, with the same placeholders."""

import string

from bot.language import LANGUAGES, pick_language
from bot.texts import TEXTS


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_key_exists_in_both_languages_with_the_same_placeholders() -> None:
    russian, english = TEXTS["ru"], TEXTS["en"]
    assert set(russian) == set(english)
    for key in russian:
        assert placeholders(russian[key]) == placeholders(english[key]), key


def test_english_speakers_read_english_and_everyone_else_russian() -> None:
    assert pick_language("en") == "en"
    assert pick_language("en-GB") == "en"
    assert pick_language("ru") == "ru"
    assert pick_language("uk") == "ru"
    assert pick_language(None) == "ru"
    assert set(LANGUAGES) == set(TEXTS)
