"""Fill `users.access_hash` for users met before it existed, from the Kurigram session's
peers kept in the database (`telegram_peers`, PostgreSQL only; on SQLite the session is
Kurigram's own file and the hashes come with each user's next update). A peer met by
more than one session takes the most recently seen row's hash."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T03:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "users.access_hash from telegram_peers"

FILL = """
UPDATE users SET access_hash = peers.access_hash
FROM (
    SELECT DISTINCT ON (peer_id) peer_id, access_hash
    FROM telegram_peers
    WHERE peer_type IN ('user', 'bot') AND access_hash IS NOT NULL
    ORDER BY peer_id, updated_at DESC, id DESC
) AS peers
WHERE users.telegram_id = peers.peer_id AND users.access_hash IS NULL
"""


async def _fill() -> None:
    engine = engine_finder()
    if engine is None or engine.engine_type != "postgres":
        return
    await engine.run_ddl(FILL)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_raw(_fill)
    return manager
