"""Reading the audit log (`models.admins.AuditLog`): newest first, paged, by admin.

Rows are written where admins act (`record_audit`); this module only reads them. The
index `idx_audit_log_actor (actor_id, id)` serves one admin's pages and the list of
admins who appear in the log; the primary key serves "everyone" newest first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from models.admins import AuditLog
from models.users import User
from runtime.db_raw import fetch_rows

#: How many admins the filter offers (the most recent first); a keyboard has 100 buttons.
MAX_ACTORS = 40


@dataclass(frozen=True)
class AuditEntry:
    id: int
    actor_id: int
    action: str
    target: str
    details: Mapping[str, Any]
    created_at: datetime


def _details(raw: object) -> Mapping[str, Any]:
    try:
        value = json.loads(raw) if isinstance(raw, str | bytes) else raw
    except ValueError:
        return {"details": str(raw)}
    return value if isinstance(value, Mapping) else {"details": value}


async def list_audit_page(
    offset: int, limit: int, actor_id: int | None = None
) -> tuple[list[AuditEntry], int]:
    """One page of the log, newest first (by id), and how many rows match in all;
    `actor_id` keeps one admin's rows."""
    query = AuditLog.select().order_by(AuditLog.id, ascending=False).offset(offset).limit(limit)
    count = AuditLog.count()
    if actor_id is not None:
        query = query.where(AuditLog.actor_id == actor_id)
        count = count.where(AuditLog.actor_id == actor_id)
    rows = await query.run()
    entries = [
        AuditEntry(
            id=int(row["id"]),
            actor_id=int(row["actor_id"]),
            action=str(row["action"]),
            target=str(row["target"] or ""),
            details=_details(row["details"]),
            created_at=row["created_at"],
        )
        for row in rows
    ]
    return entries, int(await count.run())


async def list_audit_actors() -> list[int]:
    """The Telegram ids of the admins who appear in the log, the most recent first."""
    rows = await fetch_rows(
        AuditLog,
        "SELECT actor_id, max(id) AS last FROM audit_log GROUP BY actor_id"
        " ORDER BY last DESC LIMIT {}",
        MAX_ACTORS,
    )
    return [int(row["actor_id"]) for row in rows]


async def names_by_telegram_id(telegram_ids: Iterable[int]) -> dict[int, str]:
    """First names (with the last name) of the users the shop knows among `telegram_ids`."""
    ids = sorted(set(telegram_ids))
    if not ids:
        return {}
    rows = await (
        User.select(User.telegram_id, User.first_name, User.last_name)
        .where(User.telegram_id.is_in(ids))
        .run()
    )
    return {
        int(row["telegram_id"]): " ".join(
            part for part in (row["first_name"], row["last_name"]) if part
        )
        for row in rows
    }
