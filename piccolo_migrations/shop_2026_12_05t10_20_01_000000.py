"""Indexes of `stock_waits`: one wait per (shopper, variant), and the due waits the
broadcast sender looks for."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T10:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "stock_waits indexes"

INDEXES = [
    "CREATE UNIQUE INDEX uq_stock_waits_wait ON stock_waits (telegram_id, variant_id)",
    "CREATE INDEX idx_stock_waits_variant ON stock_waits (variant_id) WHERE notified_at IS NULL",
    "CREATE INDEX idx_stock_waits_due ON stock_waits (due_at, id)"
    " WHERE notified_at IS NULL AND due_at IS NOT NULL",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS idx_stock_waits_due",
    "DROP INDEX IF EXISTS idx_stock_waits_variant",
    "DROP INDEX IF EXISTS uq_stock_waits_wait",
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
