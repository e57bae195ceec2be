"""The web admin's tables: `web_sign_in_tokens` (one-time sign-in links, hashed), and
Piccolo's own `piccolo_user` and `sessions` (piccolo_api's session auth), shaped as
those libraries declare them (`BaseUser`, `SessionsBase`), kept in the shop app so one
`migrations forwards all` makes every table.

Unique indexes come in the next migration (a migration's raw steps run before its
tables are created, and SQLite refuses `ADD CONSTRAINT`).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import (
    BigInt,
    BigSerial,
    Boolean,
    Integer,
    Secret,
    Serial,
    Timestamp,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamp import TimestampOffset
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "web_sign_in_tokens; piccolo_user; sessions"


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


TOKEN_COLUMNS = [
    ("id", BigSerial, "BigSerial", _params(primary_key=True)),
    ("token_hash", Varchar, "Varchar", _params(length=64, default="")),
    ("telegram_id", BigInt, "BigInt", _params(default=0)),
    ("created_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
    ("expires_at", Timestamptz, "Timestamptz", _params(default=TimestamptzNow())),
    ("used_at", Timestamptz, "Timestamptz", _params(default=None, null=True)),
]

USER_COLUMNS = [
    ("id", Serial, "Serial", _params(primary_key=True)),
    ("username", Varchar, "Varchar", _params(length=100, default="")),
    ("password", Secret, "Secret", _params(length=255, default="", secret=True)),
    ("first_name", Varchar, "Varchar", _params(length=255, default="", null=True)),
    ("last_name", Varchar, "Varchar", _params(length=255, default="", null=True)),
    ("email", Varchar, "Varchar", _params(length=255, default="")),
    ("active", Boolean, "Boolean", _params(default=False)),
    ("admin", Boolean, "Boolean", _params(default=False)),
    ("superuser", Boolean, "Boolean", _params(default=False)),
    ("last_login", Timestamp, "Timestamp", _params(default=None, null=True)),
]

SESSION_COLUMNS = [
    ("id", Serial, "Serial", _params(primary_key=True)),
    ("token", Varchar, "Varchar", _params(length=100, default="", secret=True)),
    ("user_id", Integer, "Integer", _params(default=0)),
    ("expiry_date", Timestamp, "Timestamp", _params(default=TimestampOffset(hours=1))),
    ("max_expiry_date", Timestamp, "Timestamp", _params(default=TimestampOffset(days=7))),
]

TABLES = [
    ("WebSignInToken", "web_sign_in_tokens", TOKEN_COLUMNS),
    ("BaseUser", "piccolo_user", USER_COLUMNS),
    ("SessionsBase", "sessions", SESSION_COLUMNS),
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
