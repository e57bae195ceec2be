"""Broadcasts: the composing step, the live progress message, queueing and failure.

Written by hand (the columns as Piccolo's auto migration would add them) so it does not
depend on the other migrations' snapshots. The partial index serves the composing
conversation's one question per message: "does this author have a draft?".
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-24T06:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Broadcasts: compose step, progress message, queued_at, error"

DRAFT_INDEX = (
    "CREATE INDEX idx_broadcasts_author_draft ON broadcasts (author_id) WHERE status = 'draft'"
)


def _params(**extra):
    params = {
        "default": None,
        "null": True,
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
    ("compose_step", Varchar, "Varchar", _params(length=16)),
    ("progress_chat_id", BigInt, "BigInt", _params()),
    ("progress_message_id", Integer, "Integer", _params()),
    ("queued_at", Timestamptz, "Timestamptz", _params()),
    ("error", Text, "Text", _params()),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="shop", description=DESCRIPTION)
    for name, column_class, class_name, params in COLUMNS:
        manager.add_column(
            table_class_name="Broadcast",
            tablename="broadcasts",
            column_name=name,
            db_column_name=name,
            column_class_name=class_name,
            column_class=column_class,
            params=params,
            schema=None,
        )
    manager.add_raw(_create_index)
    manager.add_raw_backwards(_drop_index)
    return manager


async def _create_index():
    from piccolo.engine import engine_finder

    await engine_finder().run_ddl(DRAFT_INDEX)


async def _drop_index():
    from piccolo.engine import engine_finder

    await engine_finder().run_ddl("DROP INDEX IF EXISTS idx_broadcasts_author_draft")
