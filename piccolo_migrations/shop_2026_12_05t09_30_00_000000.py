"""Kurigram's session in the database: `telegram_sessions` and `telegram_peers`.

So that replicas share one authorization and the peers met so far (see
models/telegram_sessions.py and runtime/telegram_storage.py).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Boolean, Bytea, Integer, Serial, Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T09:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "telegram_sessions and telegram_peers (Kurigram's session for replicas)"


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


SESSION_COLUMNS = [
    ("id", Serial, "Serial", _params(primary_key=True)),
    ("name", Varchar, "Varchar", _params(length=64, default="", unique=True)),
    ("dc_id", Integer, "Integer", _params(default=None, null=True)),
    ("server_address", Varchar, "Varchar", _params(length=64, default=None, null=True)),
    ("port", Integer, "Integer", _params(default=None, null=True)),
    ("api_id", Integer, "Integer", _params(default=None, null=True)),
    ("test_mode", Boolean, "Boolean", _params(default=None, null=True)),
    ("auth_key", Bytea, "Bytea", _params(default=None, null=True)),
    ("date", BigInt, "BigInt", _params(default=0)),
    ("user_id", BigInt, "BigInt", _params(default=None, null=True)),
    ("is_bot", Boolean, "Boolean", _params(default=None, null=True)),
]

PEER_COLUMNS = [
    ("id", Serial, "Serial", _params(primary_key=True)),
    ("key", Varchar, "Varchar", _params(length=96, default="", unique=True)),
    ("session_name", Varchar, "Varchar", _params(length=64, default="")),
    ("peer_id", BigInt, "BigInt", _params(default=0)),
    ("access_hash", BigInt, "BigInt", _params(default=None, null=True)),
    ("peer_type", Varchar, "Varchar", _params(length=16, default="")),
    ("phone_number", Varchar, "Varchar", _params(length=32, default=None, null=True, index=True)),
    ("usernames", Text, "Text", _params(default="")),
    ("updated_at", BigInt, "BigInt", _params(default=0)),
]

TABLES = [
    ("TelegramSession", "telegram_sessions", SESSION_COLUMNS),
    ("TelegramPeer", "telegram_peers", PEER_COLUMNS),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    for class_name, tablename, columns in TABLES:
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, column_class, column_class_name, params in columns:
            manager.add_column(
                table_class_name=class_name,
                tablename=tablename,
                column_name=name,
                db_column_name=name,
                column_class_name=column_class_name,
                column_class=column_class,
                params=params,
                schema=None,
            )
    return manager
