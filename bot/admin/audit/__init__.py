"""`/admin` -> Audit, for superadmins only (the routes check SUPERADMIN on the server):
the audit log of admin actions, newest first, paged, filtered by admin."""

from __future__ import annotations

from bot.admin.audit import log
from bot.router import Router


def register(router: Router) -> None:
    log.register(router)
