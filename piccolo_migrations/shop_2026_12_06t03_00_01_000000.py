"""Indexes of the web admin's tables: a sign-in token is found by its hash (unique), a
web user by name and by email (unique, as piccolo's `BaseUser` declares them), and a
session by its token."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T03:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "web admin indexes"

INDEXES = [
    "CREATE UNIQUE INDEX uq_web_sign_in_tokens_hash ON web_sign_in_tokens (token_hash)",
    "CREATE UNIQUE INDEX uq_piccolo_user_username ON piccolo_user (username)",
    "CREATE UNIQUE INDEX uq_piccolo_user_email ON piccolo_user (email)",
    "CREATE INDEX idx_sessions_token ON sessions (token)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS idx_sessions_token",
    "DROP INDEX IF EXISTS uq_piccolo_user_email",
    "DROP INDEX IF EXISTS uq_piccolo_user_username",
    "DROP INDEX IF EXISTS uq_web_sign_in_tokens_hash",
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
