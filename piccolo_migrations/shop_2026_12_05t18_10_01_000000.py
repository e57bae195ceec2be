"""The unique index of `customer_relays`: one row per delivered message."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T18:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "customer_relays index"

INDEXES = [
    "CREATE UNIQUE INDEX uq_customer_relays_message ON customer_relays (chat_id, message_id)",
]
DROP_INDEXES = ["DROP INDEX IF EXISTS uq_customer_relays_message"]


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
