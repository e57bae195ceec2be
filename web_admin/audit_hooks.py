"""Audit rows for every create, update and delete made through the web admin's tables.

piccolo_api 1.11 has only pre-write hooks (`pre_save`, `pre_patch`, `pre_delete`), so
the row is written just before the change, in the same transaction
(`web_admin.one_transaction`): a change refused afterwards takes its audit row with
it. Deletes of catalogue rows do not come here: they go through the bot's own
operations (`web_admin.catalogue_rules`), which audit in their transaction.
Actions are named `web.<table>.<create|update|delete>`; details keep `after` (create),
`before` and `after` (update, only the fields that change) or `before` (delete). The
target is the row's id, but for a create, whose id is not known yet: there it is what
the row belongs to (a variant's or photo's product id, as the bot's own rows name it)
or its title or name.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from piccolo.columns import Column
from piccolo.columns.defaults.base import Default
from piccolo.table import Table
from piccolo_api.crud.hooks import Hook, HookType
from starlette.requests import Request

from models.admins import record_audit
from web_admin.acting import acting_admin


def plain(values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` as JSON can hold them (dates and decimals as text)."""
    loaded: dict[str, Any] = json.loads(json.dumps(dict(values), default=str))
    return loaded


def row_values(row: Table) -> dict[str, Any]:
    """A row's column values by name, without its primary key."""
    return {
        column._meta.name: getattr(row, column._meta.name)
        for column in row._meta.columns
        if not column._meta.primary_key
    }


def by_name(values: Mapping[Any, Any]) -> dict[str, Any]:
    """A patch's values keyed by column name (piccolo_api keys them by `Column`; a
    query takes either)."""
    return {key._meta.name if isinstance(key, Column) else str(key): v for key, v in values.items()}


async def stored_values(table: type[Table], row_id: Any) -> dict[str, Any] | None:
    """The stored row by column name (a select keys foreign keys by `db_column_name`)."""
    row = await table.select().where(table._meta.primary_key == row_id).first().run()
    if row is None:
        return None
    return {
        column._meta.name: row.get(column._meta.db_column_name, row.get(column._meta.name))
        for column in table._meta.columns
    }


async def fill_defaults(row: Table) -> Table:
    """Columns the request left out (None where the column may not be null) get the
    column's default, as a bot-made row would."""
    for column in row._meta.columns:
        name = column._meta.name
        if not column._meta.primary_key and not column._meta.null and getattr(row, name) is None:
            default = column.get_default_value()
            setattr(row, name, default.python() if isinstance(default, Default) else default)
    return row


def created_target(row: Table) -> str:
    """What a new row's audit row names, before the row has an id (see the module)."""
    values = row_values(row)
    for field in ("product", "title", "name"):
        if values.get(field) is not None:
            return str(values[field])
    return ""


def audit_hooks(table: type[Table]) -> list[Hook]:
    """The three audit hooks of `table` (after its rules' hooks, so they see the values
    as cleaned)."""
    name = table._meta.tablename

    async def created(row: Table, request: Request) -> Table:
        await record_audit(
            acting_admin(request),
            f"web.{name}.create",
            created_target(row),
            {"after": plain(row_values(row))},
        )
        return row

    async def updated(row_id: Any, values: dict[Any, Any], request: Request) -> dict[str, Any]:
        values = by_name(values)
        before = await stored_values(table, row_id) or {}
        changed = {key: value for key, value in values.items() if before.get(key) != value}
        await record_audit(
            acting_admin(request),
            f"web.{name}.update",
            str(row_id),
            {"before": plain({key: before.get(key) for key in changed}), "after": plain(changed)},
        )
        return values

    async def deleted(row_id: Any, request: Request) -> None:
        before = await stored_values(table, row_id)
        if before is not None:
            await record_audit(
                acting_admin(request), f"web.{name}.delete", str(row_id), {"before": plain(before)}
            )

    return [
        Hook(HookType.pre_save, created),
        Hook(HookType.pre_patch, updated),
        Hook(HookType.pre_delete, deleted),
    ]
