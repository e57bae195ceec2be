"""Messages admins sent customers through the bot (`customer_relays`), so a customer's
reply reaches the admin who wrote. Its unique index comes in the next migration (a
migration's raw steps run before its tables are created)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, BigSerial, Timestamptz
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T18:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "customer_relays"


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


RELAY_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("chat_id", BigInt, "BigInt", _params(default=0)),
    ("message_id", BigInt, "BigInt", _params(default=0)),
    ("admin_id", BigInt, "BigInt", _params(default=0)),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_table(
        class_name="CustomerRelay", tablename="customer_relays", schema=None, columns=None
    )
    for name, column_class, column_class_name, params in RELAY_COLUMNS:
        manager.add_column(
            table_class_name="CustomerRelay",
            tablename="customer_relays",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
