"""A partial index for the order processor's scan of confirmed checkouts.

The processor looks for checkouts in the step `placing` every second or two while it
runs (a stored `placing` checkout is the durable request for its order), so that
question must stay cheap however many abandoned checkouts the table keeps: the index
holds only the few rows waiting, in the order they are placed.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-01T08:45:17:311207"
VERSION = "1.38.0"
DESCRIPTION = "Partial index of checkouts waiting to be placed"

PLACING_INDEX = (
    "CREATE INDEX idx_checkout_sessions_placing ON checkout_sessions (updated_at)"
    " WHERE step = 'placing'"
)


async def forwards_sql():
    await engine_finder().run_ddl(PLACING_INDEX)


async def backwards_sql():
    await engine_finder().run_ddl("DROP INDEX IF EXISTS idx_checkout_sessions_placing")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_raw(forwards_sql)
    manager.add_raw_backwards(backwards_sql)
    return manager
