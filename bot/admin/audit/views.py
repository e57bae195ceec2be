"""How audit rows read: pure functions (no I/O).

A row: when (UTC), who (name and id), what (the action's key), the object, and what
changed (before -> after, or the other details), each value cut so that ten rows fit
one Telegram message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.language import Language
from bot.text_limits import cut
from bot.texts import text
from models.audit_log import AuditEntry

VALUE_LIMIT = 80
DETAILS_LIMIT = 240


def _value(value: Any) -> str:
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return cut(" ".join(shown.split()), VALUE_LIMIT)


def change_text(details: Mapping[str, Any], language: Language) -> str:
    """ "before → after" when the row has them, then any other details as key=value."""
    parts = []
    if "before" in details or "after" in details:
        before = _value(details["before"]) if "before" in details else "—"
        after = _value(details["after"]) if "after" in details else "—"
        parts.append(text("audit.change", language, before=before, after=after))
    others = [
        f"{key}={_value(value)}" for key, value in details.items() if key not in ("before", "after")
    ]
    if others:
        parts.append(", ".join(others))
    return cut("; ".join(parts), DETAILS_LIMIT)


def who(actor_id: int, names: Mapping[int, str]) -> str:
    name = names.get(actor_id)
    return f"{cut(name, 40)} ({actor_id})" if name else str(actor_id)


def entry_text(entry: AuditEntry, names: Mapping[int, str], language: Language) -> str:
    line = text(
        "audit.row",
        language,
        when=entry.created_at.strftime("%Y-%m-%d %H:%M"),
        who=who(entry.actor_id, names),
        what=cut(entry.action, 64),
        target=cut(entry.target, VALUE_LIMIT) or "—",
    )
    change = change_text(entry.details, language)
    return f"{line}\n{change}" if change else line
