"""Admins granted at run time, with an audit trail."""

from __future__ import annotations

from models.admins import AuditLog, add_admin, is_admin, list_admin_ids, remove_admin
from runtime.database import DatabaseEngine


async def test_admins_are_granted_revoked_and_audited(db: DatabaseEngine) -> None:
    assert await add_admin(77, added_by=1)
    assert not await add_admin(77, added_by=1)
    assert await is_admin(77)
    assert await list_admin_ids() == [77]
    assert await remove_admin(77, removed_by=1)
    assert not await remove_admin(77, removed_by=1)
    assert not await is_admin(77)
    actions = await AuditLog.select(AuditLog.action).order_by(AuditLog.id).run()
    assert [row["action"] for row in actions] == ["admin.add", "admin.remove"]
