"""The back office's stored conversations: one row per admin in a conversation (what
they are creating or editing, the step, the answers so far), so a restart of the bot
resumes it (`models.conversations`).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, BigInt, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "conversations: the back office's stored conversations"


def _params(**extra):
    params = {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }
    params.update(extra)
    return params


COLUMNS = [
    ("id", Serial, "Serial", _params(primary_key=True)),
    ("telegram_id", BigInt, "BigInt", _params(default=0, unique=True)),
    ("kind", Varchar, "Varchar", _params(length=32, default="")),
    ("step", Varchar, "Varchar", _params(length=32, default="")),
    ("data", JSON, "JSON", _params(default="{}")),
    ("updated_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_table(
        class_name="ConversationState", tablename="conversations", schema=None, columns=None
    )
    for name, column_class, class_name, params in COLUMNS:
        manager.add_column(
            table_class_name="ConversationState",
            tablename="conversations",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
