"""`users.access_hash`: the hash Telegram gave this bot for the user, so messages to them
are addressed from the database (an `InputPeerUser`), with no `users.GetUsers` lookup and
no entry in the session's peer store. Filled from the session's peers in the next
migration (a migration's raw steps run before its columns are added)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T03:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "users.access_hash"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_column(
        table_class_name="User",
        tablename="users",
        column_name="access_hash",
        db_column_name="access_hash",
        column_class_name="BigInt",
        column_class=BigInt,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    return manager
