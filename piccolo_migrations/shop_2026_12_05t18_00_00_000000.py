"""The order desk: `order_status_changes` (each order's history of moves, who and when,
with a cancel's reason or a tracking number) and `order_card_messages` (where the
admins' cards of each order are, so a change edits every one of them).

Their indexes come in the next migration (a migration's raw steps run before its tables
are created).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import (
    BigInt,
    BigSerial,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "order_status_changes; order_card_messages"


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


CHANGE_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("order_id", Integer, "Integer", _params(default=0, index=True)),
    ("from_status", Varchar, "Varchar", _params(length=16, default="")),
    ("to_status", Varchar, "Varchar", _params(length=16, default="")),
    ("cause", Varchar, "Varchar", _params(length=32, default="")),
    ("actor_id", BigInt, "BigInt", _params(default=None, null=True)),
    ("reason_code", Varchar, "Varchar", _params(length=32, default="")),
    ("reason_text", Text, "Text", _params(default="")),
    ("tracking", Varchar, "Varchar", _params(length=64, default="")),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
]

CARD_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("order_id", Integer, "Integer", _params(default=0)),
    ("chat_id", BigInt, "BigInt", _params(default=0)),
    ("message_id", BigInt, "BigInt", _params(default=0)),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
]

TABLES = [
    ("OrderStatusChange", "order_status_changes", CHANGE_COLUMNS),
    ("OrderCardMessage", "order_card_messages", CARD_COLUMNS),
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
