"""Indexes for the statistics screen and the audit screen.

The seed's indexes serve orders by day (`idx_orders_created`) and active users
(`idx_users_last_active`); these add what the statistics screen counts besides: new
users and the funnel's cohort by `created_at`, the funnel's cart lines and checkout
sessions by time, banned and blocked users (partial, so
they stay small), and the audit log paged newest first per admin.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "statistics and audit indexes"

INDEXES = [
    "CREATE INDEX idx_users_created ON users (created_at)",
    "CREATE INDEX idx_users_banned ON users (id) WHERE is_banned = true",
    "CREATE INDEX idx_users_bot_blocked ON users (id) WHERE bot_blocked_at IS NOT NULL",
    "CREATE INDEX idx_cart_items_added ON cart_items (added_at)",
    "CREATE INDEX idx_checkout_sessions_updated ON checkout_sessions (updated_at)",
    "CREATE INDEX idx_audit_log_actor ON audit_log (actor_id, id)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS idx_audit_log_actor",
    "DROP INDEX IF EXISTS idx_checkout_sessions_updated",
    "DROP INDEX IF EXISTS idx_cart_items_added",
    "DROP INDEX IF EXISTS idx_users_bot_blocked",
    "DROP INDEX IF EXISTS idx_users_banned",
    "DROP INDEX IF EXISTS idx_users_created",
]


async def _forwards_sql() -> None:
    engine = engine_finder()
    for sql in INDEXES:
        await engine.run_ddl(sql)


async def _backwards_sql() -> None:
    engine = engine_finder()
    for sql in DROP_INDEXES:
        await engine.run_ddl(sql)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_raw(_forwards_sql)
    manager.add_raw_backwards(_backwards_sql)
    return manager
