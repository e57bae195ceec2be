"""Indexes of `order_notices`, and a random nonce for every broadcast that has none.

One notice per (order, kind, recipient): the unique index makes writing a notice twice
(a repeated message, a catch-up after a crash) a no-op. The partial index serves the
order processor's question "which notices are still pending?". Broadcasts written
before `broadcasts.nonce` existed get a random one, as new ones do.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T08:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "order_notices indexes; random nonces for existing broadcasts"

INDEXES = [
    "CREATE UNIQUE INDEX uq_order_notices_notice ON order_notices (order_id, kind, recipient)",
    "CREATE INDEX idx_order_notices_pending ON order_notices (order_id, id)"
    " WHERE state = 'pending'",
]
DROP_INDEXES = [
    "DROP INDEX IF EXISTS idx_order_notices_pending",
    "DROP INDEX IF EXISTS uq_order_notices_notice",
]
# random() is a random signed 64-bit integer on SQLite; on PostgreSQL the first 64 bits
# of an md5 of random input.
POSTGRES_NONCES = (
    "UPDATE broadcasts SET nonce = ('x' || substr(md5(random()::text || clock_timestamp()::text"
    " || id::text), 1, 16))::bit(64)::bigint WHERE nonce = 0"
)
SQLITE_NONCES = "UPDATE broadcasts SET nonce = random() WHERE nonce = 0"


async def _forwards_sql() -> None:
    engine = engine_finder()
    sqlite = engine.engine_type == "sqlite"
    for sql in [*INDEXES, SQLITE_NONCES if sqlite else POSTGRES_NONCES]:
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
