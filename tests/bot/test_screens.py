"""Every edit of a message goes through `bot.screens.edit_message`, which takes Telegram's
MESSAGE_NOT_MODIFIED (an edit that changes nothing) as success."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDIT_CALLS = re.compile(
    r"\.(edit_message_text|edit_text|edit_message_reply_markup|edit_reply_markup"
    r"|edit_message_caption|edit_caption|edit_message_media|edit_media)\("
)


def test_messages_are_edited_only_through_the_one_edit_helper() -> None:
    calls = [
        (str(path.relative_to(ROOT)), line.strip())
        for folder in ("bot", "actors")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line in path.read_text().splitlines()
        if EDIT_CALLS.search(line)
    ]
    assert calls == [("bot/screens.py", "await client.edit_message_text(")]
