"""update_state and handled_updates: where the bot is in Telegram's update stream.

Written by hand (the columns as Piccolo's auto migration would add them). One
`update_state` row per bot: the pts up to which every update has been handled, with
Telegram's date and seq. `handled_updates` keeps the keys of updates handled past that
pts, so a `getDifference` after a restart does not handle them twice
(models/update_state.py).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Serial, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T08:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "update_state and handled_updates: the update stream survives kill -9"


def _params(**extra):
    params = {
        "default": 0,
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


TABLES = {
    ("UpdateState", "update_state"): [
        ("id", Serial, "Serial", _params(primary_key=True, default=None)),
        ("bot_id", BigInt, "BigInt", _params(unique=True)),
        ("pts", BigInt, "BigInt", _params()),
        ("qts", BigInt, "BigInt", _params()),
        ("date", BigInt, "BigInt", _params()),
        ("seq", BigInt, "BigInt", _params()),
        ("updated_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
    ],
    ("HandledUpdate", "handled_updates"): [
        ("id", Serial, "Serial", _params(primary_key=True, default=None)),
        ("key", Varchar, "Varchar", _params(length=64, default="", unique=True)),
        ("bot_id", BigInt, "BigInt", _params(index=True)),
        ("position", BigInt, "BigInt", _params()),
        ("handled_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
    ],
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    for (class_name, tablename), columns in TABLES.items():
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
