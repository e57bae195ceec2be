"""Texts over Telegram's limits are cut at a word with "…", or split at boundaries."""

from bot.text_limits import CAPTION_LIMIT, MESSAGE_LIMIT, cut, split, telegram_length


def test_telegram_counts_utf16_units_so_an_emoji_counts_twice() -> None:
    assert telegram_length("Футболка") == 8
    assert telegram_length("👕") == 2
    assert telegram_length("✓") == 1


def test_a_text_that_fits_is_left_alone() -> None:
    text = "Плотный хлопок " * 10
    assert cut(text, CAPTION_LIMIT) is text
    assert split(text) == [text]


def test_cut_ends_at_a_word_boundary_with_an_ellipsis() -> None:
    text = "Плотный хлопок, прямой крой. " * 100

    shortened = cut(text, CAPTION_LIMIT)

    assert telegram_length(shortened) <= CAPTION_LIMIT
    assert shortened.endswith("…")
    assert text.startswith(shortened[:-1])
    assert shortened[:-1].split()[-1] in text.split()  # no word cut in half


def test_cut_never_splits_an_emoji_and_cuts_a_long_word_when_it_must() -> None:
    emojis = "👕" * 600
    shortened = cut(emojis, CAPTION_LIMIT)
    assert telegram_length(shortened) <= CAPTION_LIMIT
    assert shortened == "👕" * 511 + "…"

    assert cut("x" * 50, 10) == "x" * 9 + "…"


def test_split_breaks_at_paragraphs_then_lines_then_words() -> None:
    paragraph = "слово " * 300  # 1800 characters
    text = "\n\n".join([paragraph.strip()] * 5)

    pieces = split(text)

    assert all(telegram_length(piece) <= MESSAGE_LIMIT for piece in pieces)
    assert len(pieces) == 3
    assert "".join(pieces).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(
        " ", ""
    )
    assert all(not piece.startswith(("\n", " ")) for piece in pieces)


def test_split_cuts_a_text_without_spaces_at_the_limit() -> None:
    pieces = split("я" * 10_000)
    assert [len(piece) for piece in pieces] == [4096, 4096, 1808]
