"""Checkout: conversations that survive a restart, idempotent orders, online payment.

* `checkout_sessions`: one row per shopper in checkout (models/checkout.py).
* `orders` gains `payment_method` (online / on_delivery), `payment_due_at` (an online
  order's payment deadline), `checkout_key` (unique: placing an order is idempotent)
  and `announced_at` (the customer and the admins were told about it).

Raw steps run after the columns exist (Piccolo runs `add_raw` steps first, so this
manager runs them last, in the same transaction): the unique index on `checkout_key`
(SQLite cannot add a UNIQUE column), a partial index for the payment-timeout sweep, and
`announced_at` backfilled for orders placed before this migration, so they are not
announced again.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt
from piccolo.columns.column_types import JSON
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-11-24T06:29:03:024104"
VERSION = "1.38.0"
DESCRIPTION = "Checkout sessions; orders: payment method and deadline, checkout key, announced"

FORWARDS_SQL = [
    "CREATE UNIQUE INDEX uq_orders_checkout_key ON orders (checkout_key)",
    "CREATE INDEX idx_orders_payment_due ON orders (payment_due_at)"
    " WHERE payment_due_at IS NOT NULL",
    "UPDATE orders SET announced_at = created_at WHERE announced_at IS NULL",
]
BACKWARDS_SQL = [
    "DROP INDEX IF EXISTS idx_orders_payment_due",
    "DROP INDEX IF EXISTS uq_orders_checkout_key",
]


async def forwards_sql():
    engine = engine_finder()
    for sql in FORWARDS_SQL:
        await engine.run_ddl(sql)


async def backwards_sql():
    engine = engine_finder()
    for sql in BACKWARDS_SQL:
        await engine.run_ddl(sql)


class RawLastMigrationManager(MigrationManager):
    """Runs the raw steps after the tables and columns exist, in one transaction.

    Backwards, Piccolo's order (raw_backwards first, then drop the columns and the
    table) is already right.
    """

    async def run(self, backwards: bool = False):
        if backwards:
            return await super().run(backwards=True)
        engine = engine_finder()
        steps, self.raw = self.raw, []
        try:
            async with engine.transaction():
                await super().run()
                if not self.preview:
                    for step in steps:
                        await step()
        finally:
            self.raw = steps


async def forwards():
    manager = RawLastMigrationManager(
        migration_id=ID, app_name="shop", description=DESCRIPTION
    )

    manager.add_table(
        class_name="CheckoutSession",
        tablename="checkout_sessions",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="id",
        db_column_name="id",
        column_class_name="Serial",
        column_class=Serial,
        params={
            "null": False,
            "primary_key": True,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="telegram_id",
        db_column_name="telegram_id",
        column_class_name="BigInt",
        column_class=BigInt,
        params={
            "default": 0,
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="key",
        db_column_name="key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 24,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="step",
        db_column_name="step",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 16,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="data",
        db_column_name="data",
        column_class_name="JSON",
        column_class=JSON,
        params={
            "default": "{}",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="CheckoutSession",
        tablename="checkout_sessions",
        column_name="updated_at",
        db_column_name="updated_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Order",
        tablename="orders",
        column_name="announced_at",
        db_column_name="announced_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Order",
        tablename="orders",
        column_name="checkout_key",
        db_column_name="checkout_key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 24,
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Order",
        tablename="orders",
        column_name="payment_due_at",
        db_column_name="payment_due_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Order",
        tablename="orders",
        column_name="payment_method",
        db_column_name="payment_method",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 16,
            "default": "on_delivery",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_raw(forwards_sql)
    manager.add_raw_backwards(backwards_sql)

    return manager
