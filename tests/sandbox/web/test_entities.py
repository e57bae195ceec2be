"""Message text with Telegram's entities as the HTML a bubble shows: formatted, escaped."""

from __future__ import annotations

from pyrogram.raw.types.message_entity_bold import MessageEntityBold
from pyrogram.raw.types.message_entity_code import MessageEntityCode
from pyrogram.raw.types.message_entity_italic import MessageEntityItalic
from pyrogram.raw.types.message_entity_text_url import MessageEntityTextUrl

from sandbox.web.entities import to_html


def test_bold_italic_code_and_links_are_tags_and_everything_else_is_escaped() -> None:
    text = "Sale <now> & more\nsee shop, run x()"
    entities = [
        MessageEntityBold(offset=0, length=4),
        MessageEntityItalic(offset=5, length=5),
        MessageEntityTextUrl(offset=22, length=4, url='https://example.org/?a="1"'),
        MessageEntityCode(offset=32, length=3),
    ]
    assert to_html(text, entities) == (
        "<b>Sale</b> <i>&lt;now&gt;</i> &amp; more<br>see "
        '<a href="https://example.org/?a=&quot;1&quot;" target="_blank" '
        'rel="noopener noreferrer">shop</a>, run <code>x()</code>'
    )


def test_offsets_count_utf16_units_so_emoji_do_not_shift_the_formatting() -> None:
    text = "🛒 Cart: 2"  # the emoji is two UTF-16 units
    assert to_html(text, [MessageEntityBold(offset=3, length=4)]) == "🛒 <b>Cart</b>: 2"


def test_a_script_link_is_not_a_link_and_nested_entities_stay_nested() -> None:
    text = "click here"
    evil = [MessageEntityTextUrl(offset=0, length=5, url="javascript:alert(1)")]
    assert to_html(text, evil) == '<span class="link">click</span> here'
    nested = [
        MessageEntityBold(offset=0, length=10),
        MessageEntityItalic(offset=6, length=4),
    ]
    assert to_html(text, nested) == "<b>click <i>here</i></b>"
