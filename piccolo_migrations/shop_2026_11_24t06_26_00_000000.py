"""Cart lines outlive their variant: a product deleted while in a cart is reported.

`cart_items.variant_id` becomes nullable with ON DELETE SET NULL (it was NOT NULL,
ON DELETE CASCADE, so a deleted product silently vanished from every cart), and each
line keeps a snapshot of what the shopper chose (`product_title`, `size`, `colour`),
so the cart can still say which item is gone.

Piccolo cannot change a foreign key on SQLite (no ALTER TABLE ... DROP CONSTRAINT), so
the work is raw SQL per engine: ALTER TABLE on PostgreSQL, the documented table rebuild
on SQLite. The `add_column` / `alter_column` declarations below are not run; they are
what Piccolo's schema snapshot reads, so `piccolo migrations new --auto` sees the
models and the migrations agree.
"""

from piccolo.apps.migrations.auto.migration_manager import (
    AddColumnCollection,
    AlterColumnCollection,
    MigrationManager,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-11-24T06:26:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Cart lines keep a snapshot and survive the deletion of their variant"

SNAPSHOT_COLUMNS = "product_title, size, colour"
UNIQUE_LINE = "CREATE UNIQUE INDEX uq_cart_items_user_variant ON cart_items (user_id, variant_id)"

POSTGRES_FORWARDS = [
    "ALTER TABLE cart_items ADD COLUMN product_title VARCHAR(255) NOT NULL DEFAULT ''",
    "ALTER TABLE cart_items ADD COLUMN size VARCHAR(32) NOT NULL DEFAULT ''",
    "ALTER TABLE cart_items ADD COLUMN colour VARCHAR(64) NULL DEFAULT NULL",
    "UPDATE cart_items SET product_title = p.title, size = v.size, colour = v.colour"
    " FROM product_variants v JOIN products p ON p.id = v.product_id"
    " WHERE v.id = cart_items.variant_id",
    "ALTER TABLE cart_items ALTER COLUMN variant_id DROP NOT NULL",
    "ALTER TABLE cart_items DROP CONSTRAINT cart_items_variant_id_fkey",
    "ALTER TABLE cart_items ADD CONSTRAINT cart_items_variant_id_fkey FOREIGN KEY"
    " (variant_id) REFERENCES product_variants (id) ON DELETE SET NULL ON UPDATE CASCADE",
]
POSTGRES_BACKWARDS = [
    "DELETE FROM cart_items WHERE variant_id IS NULL",
    "ALTER TABLE cart_items DROP CONSTRAINT cart_items_variant_id_fkey",
    "ALTER TABLE cart_items ADD CONSTRAINT cart_items_variant_id_fkey FOREIGN KEY"
    " (variant_id) REFERENCES product_variants (id) ON DELETE CASCADE ON UPDATE CASCADE",
    "ALTER TABLE cart_items ALTER COLUMN variant_id SET NOT NULL",
    "ALTER TABLE cart_items DROP COLUMN colour",
    "ALTER TABLE cart_items DROP COLUMN size",
    "ALTER TABLE cart_items DROP COLUMN product_title",
]

# The columns as Piccolo's first migration created them on SQLite.
SQLITE_COMMON_COLUMNS = (
    '"id" INTEGER PRIMARY KEY NOT NULL, "user_id" INTEGER NOT NULL REFERENCES "users" ("id")'
    " ON DELETE CASCADE ON UPDATE CASCADE DEFAULT null"
)
SQLITE_TAIL_COLUMNS = (
    '"quantity" INTEGER NOT NULL DEFAULT 1,'
    ' "added_at" TIMESTAMPTZ NOT NULL DEFAULT current_timestamp'
)
SQLITE_FORWARDS = [
    f'CREATE TABLE "cart_items_rebuilt" ({SQLITE_COMMON_COLUMNS},'
    ' "variant_id" INTEGER NULL REFERENCES "product_variants" ("id")'
    f" ON DELETE SET NULL ON UPDATE CASCADE DEFAULT null, {SQLITE_TAIL_COLUMNS},"
    ' "product_title" VARCHAR(255) NOT NULL DEFAULT \'\','
    ' "size" VARCHAR(32) NOT NULL DEFAULT \'\', "colour" VARCHAR(64) NULL DEFAULT null)',
    "INSERT INTO cart_items_rebuilt"
    f" (id, user_id, variant_id, quantity, added_at, {SNAPSHOT_COLUMNS})"
    " SELECT c.id, c.user_id, c.variant_id, c.quantity, c.added_at, p.title, v.size, v.colour"
    " FROM cart_items c JOIN product_variants v ON v.id = c.variant_id"
    " JOIN products p ON p.id = v.product_id",
    "DROP TABLE cart_items",
    "ALTER TABLE cart_items_rebuilt RENAME TO cart_items",
    UNIQUE_LINE,
]
SQLITE_BACKWARDS = [
    f'CREATE TABLE "cart_items_rebuilt" ({SQLITE_COMMON_COLUMNS},'
    ' "variant_id" INTEGER NOT NULL REFERENCES "product_variants" ("id")'
    f" ON DELETE CASCADE ON UPDATE CASCADE DEFAULT null, {SQLITE_TAIL_COLUMNS})",
    "INSERT INTO cart_items_rebuilt (id, user_id, variant_id, quantity, added_at)"
    " SELECT id, user_id, variant_id, quantity, added_at FROM cart_items"
    " WHERE variant_id IS NOT NULL",
    "DROP TABLE cart_items",
    "ALTER TABLE cart_items_rebuilt RENAME TO cart_items",
    UNIQUE_LINE,
]


async def _run(postgres: list[str], sqlite: list[str]) -> None:
    engine = engine_finder()
    for sql in sqlite if engine.engine_type == "sqlite" else postgres:
        await engine.run_ddl(sql)


async def forwards_sql() -> None:
    await _run(POSTGRES_FORWARDS, SQLITE_FORWARDS)


async def backwards_sql() -> None:
    await _run(POSTGRES_BACKWARDS, SQLITE_BACKWARDS)


class DeclaredOnlyMigrationManager(MigrationManager):
    """Runs only the raw steps; the column declarations are for the schema snapshot."""

    async def run(self, backwards: bool = False):
        declared = (self.add_columns, self.alter_columns)
        self.add_columns, self.alter_columns = AddColumnCollection(), AlterColumnCollection()
        try:
            return await super().run(backwards=backwards)
        finally:
            self.add_columns, self.alter_columns = declared


def _varchar(length: int, *, default: str | None, null: bool) -> dict[str, object]:
    return {
        "length": length,
        "default": default,
        "null": null,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }


async def forwards():
    manager = DeclaredOnlyMigrationManager(
        migration_id=ID, app_name="shop", description=DESCRIPTION
    )
    for name, params in (
        ("product_title", _varchar(255, default="", null=False)),
        ("size", _varchar(32, default="", null=False)),
        ("colour", _varchar(64, default=None, null=True)),
    ):
        manager.add_column(
            table_class_name="CartItem",
            tablename="cart_items",
            column_name=name,
            db_column_name=name,
            column_class_name="Varchar",
            column_class=Varchar,
            params=params,
            schema=None,
        )
    manager.alter_column(
        table_class_name="CartItem",
        tablename="cart_items",
        column_name="variant",
        db_column_name="variant_id",
        params={"null": True, "on_delete": OnDelete.set_null},
        old_params={"null": False, "on_delete": OnDelete.cascade},
        column_class=None,
        old_column_class=None,
        schema=None,
    )
    manager.add_raw(forwards_sql)
    manager.add_raw_backwards(backwards_sql)
    return manager
