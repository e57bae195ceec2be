"""Channel posts and back-in-stock waits: `channel_posts` (one post per product published
to the shop's channel) and `stock_waits` (a shopper's wait for a sold-out variant).

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

ID = "2026-12-05T10:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "channel_posts; stock_waits"


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


POST_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("product_id", Integer, "Integer", _params(default=0, unique=True)),
    ("chat_id", BigInt, "BigInt", _params(default=0)),
    ("thread_id", BigInt, "BigInt", _params(default=None, null=True)),
    ("message_ids", Text, "Text", _params(default="[]")),
    ("caption_message_id", BigInt, "BigInt", _params(default=0)),
    ("button_message_id", BigInt, "BigInt", _params(default=0)),
    ("state", Varchar, "Varchar", _params(length=16, default="live")),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
    ("updated_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
]

WAIT_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("telegram_id", BigInt, "BigInt", _params(default=0)),
    ("variant_id", Integer, "Integer", _params(default=0)),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
    ("due_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
    ("nonce", BigInt, "BigInt", _params(default=0)),
    ("attempts", Integer, "Integer", _params(default=0)),
    ("notified_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
    ("error", Text, "Text", _params(default=None, null=True)),
]

TABLES = [
    ("ChannelPost", "channel_posts", POST_COLUMNS),
    ("StockWait", "stock_waits", WAIT_COLUMNS),
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
