"""Once on the wire: the order notices' ledger, and a random nonce per broadcast.

`order_notices` holds one row per (order, notice, recipient), written in the same
transaction as the change that causes the notice; `broadcasts.nonce` is mixed into a
broadcast's `random_id`s. Its unique and partial indexes, and the nonces of the
broadcasts that exist already, come in the next migration (a migration's raw steps run
before its tables are created).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import (
    JSON,
    BigInt,
    BigSerial,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-01T08:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "order_notices ledger; broadcasts.nonce"


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


NOTICE_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("order_id", Integer, "Integer", _params(default=0)),
    ("kind", Varchar, "Varchar", _params(length=320, default="")),
    ("recipient", BigInt, "BigInt", _params(default=0)),
    ("details", JSON, "JSON", _params(default="{}")),
    ("state", Varchar, "Varchar", _params(length=16, default="pending")),
    ("nonce", BigInt, "BigInt", _params(default=0)),
    ("attempts", Integer, "Integer", _params(default=0)),
    ("error", Text, "Text", _params(default=None, null=True)),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
    ("sent_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    manager.add_table(
        class_name="OrderNotice", tablename="order_notices", schema=None, columns=None
    )
    for name, column_class, class_name, params in NOTICE_COLUMNS:
        manager.add_column(
            table_class_name="OrderNotice",
            tablename="order_notices",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    manager.add_column(
        table_class_name="Broadcast",
        tablename="broadcasts",
        column_name="nonce",
        db_column_name="nonce",
        column_class_name="BigInt",
        column_class=BigInt,
        params=_params(default=0),
        schema=None,
    )
    return manager
