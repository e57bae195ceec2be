"""Indexes of the order desk: one row per card message, cards looked up by order, and
the desk's lists of orders by status (newest first)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "order desk indexes"

INDEXES = [
    "CREATE UNIQUE INDEX uq_order_card_messages ON order_card_messages (chat_id, message_id)",
    "CREATE INDEX idx_order_card_messages_order ON order_card_messages (order_id)",
    "CREATE INDEX idx_orders_status_id ON orders (status, id DESC)",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS idx_orders_status_id",
    "DROP INDEX IF EXISTS idx_order_card_messages_order",
    "DROP INDEX IF EXISTS uq_order_card_messages",
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
