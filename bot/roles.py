"""Who may do what: shopper, admin (ADMIN_IDS or added in the bot), superadmin.

Checked on the server for every admin action: a button is only a hint.
"""

from __future__ import annotations

import enum

from config import Settings
from models.admins import is_admin


class Role(enum.IntEnum):
    SHOPPER = 0
    ADMIN = 1
    SUPERADMIN = 2


async def role_of(settings: Settings, telegram_id: int) -> Role:
    if telegram_id in settings.superadmin_ids:
        return Role.SUPERADMIN
    if telegram_id in settings.admin_ids or await is_admin(telegram_id):
        return Role.ADMIN
    return Role.SHOPPER
