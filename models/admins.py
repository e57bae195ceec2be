"""Admins (granted at run time; superadmins come from settings) and the audit log."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from piccolo.columns import JSON, BigInt, BigSerial, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow
from runtime.db_transaction import atomic


class Admin(Table, tablename="admins"):
    id = Serial(primary_key=True)
    telegram_id = BigInt(unique=True)
    added_by = BigInt()
    created_at = Timestamptz()


class AuditLog(Table, tablename="audit_log"):
    id = BigSerial(primary_key=True)
    actor_id = BigInt()
    action = Varchar(length=64)
    target = Varchar(length=255, default="")
    details = JSON(default="{}")
    created_at = Timestamptz()


async def record_audit(
    actor_id: int, action: str, target: str = "", details: Mapping[str, Any] | None = None
) -> None:
    await AuditLog.insert(
        AuditLog(
            actor_id=actor_id,
            action=action,
            target=target,
            details=json.dumps(dict(details or {})),
            created_at=utcnow(),
        )
    ).run()


async def is_admin(telegram_id: int) -> bool:
    return bool(await Admin.exists().where(Admin.telegram_id == telegram_id).run())


async def list_admin_ids() -> list[int]:
    rows = await Admin.select(Admin.telegram_id).order_by(Admin.id).run()
    return [int(row["telegram_id"]) for row in rows]


async def add_admin(telegram_id: int, *, added_by: int) -> bool:
    """Grant admin rights and audit it; False when they already had them."""
    async with atomic(Admin._meta.db):
        rows = await (
            Admin.insert(Admin(telegram_id=telegram_id, added_by=added_by, created_at=utcnow()))
            .on_conflict(target=Admin.telegram_id, action="DO NOTHING")
            .returning(Admin.id)
            .run()
        )
        if not rows:
            return False
        details = {"before": {"admin": False}, "after": {"admin": True}}
        await record_audit(added_by, "admin.add", str(telegram_id), details)
    return True


async def remove_admin(telegram_id: int, *, removed_by: int) -> bool:
    """Revoke admin rights and audit it; False when they had none."""
    async with atomic(Admin._meta.db):
        rows = await (
            Admin.delete().where(Admin.telegram_id == telegram_id).returning(Admin.id).run()
        )
        if not rows:
            return False
        details = {"before": {"admin": True}, "after": {"admin": False}}
        await record_audit(removed_by, "admin.remove", str(telegram_id), details)
    return True
