"""`fetch_rows(table, sql, *args)`: one statement of plain SQL, as `table.raw(sql, *args).run()`.

The result is the same: a dict per row, keyed by column name; `{}` marks a parameter,
`{{` and `}}` stand for literal braces (the template rules of Piccolo's `QueryString`).
On PostgreSQL the statement goes straight to the engine's connection: the current
transaction's when a Piccolo transaction is open (Piccolo's context variable, as its own
queries read it), else a kept or pooled one (`ShopPostgresEngine._run_in_pool`).
Piccolo's way there builds a `Raw` query and a `QueryString`, parses the template and
compiles it again for every call: 9-17 us of CPU more than this on a statement that
costs asyncpg 55-60 us (`bench/raw_statements.py`, 2026-12-07), and the update path
runs two or three statements per update. Here a template is compiled once (`numbered`
remembers the short ones).

Piccolo's path is kept where it does more than that: on SQLite (`?` parameters), with
no pool (Piccolo's CLI: a connection per statement), with `DB_ECHO` (its echo of each
statement), and when a parameter is itself a `QueryString` (a nested template).
"""

from __future__ import annotations

from functools import lru_cache
from string import Formatter
from typing import Any

from piccolo.querystring import QueryString
from piccolo.table import Table

from runtime.db_engine import ShopPostgresEngine

#: Distinct templates remembered compiled: the app's hot statements are a few dozen.
COMPILED_TEMPLATES = 256
#: Longer templates are compiled on every call and not remembered: a batch's statements
#: carry a placeholder group per order (or its ids inlined), so nearly every one is new,
#: and remembering them would only hold their text.
REMEMBERED_UP_TO = 2_000


def numbered(template: str) -> str:
    """The template with its `{}` numbered as PostgreSQL's `$1, $2, ...` (braces doubled
    to escape them come out single), as Piccolo compiles a `QueryString`."""
    if len(template) > REMEMBERED_UP_TO:
        return _numbered(template)
    return _remembered(template)


def _numbered(template: str) -> str:
    parts: list[str] = []
    number = 0
    for literal, field, _spec, _conversion in Formatter().parse(template):
        parts.append(literal)
        if field is not None:
            number += 1
            parts.append(f"${number}")
    return "".join(parts)


_remembered = lru_cache(maxsize=COMPILED_TEMPLATES)(_numbered)


async def fetch_rows(table: type[Table], sql: str, *args: Any) -> list[dict[str, Any]]:
    """Run `sql` with `args` on `table`'s engine; its rows as dicts (see the module
    docstring for where this differs from `table.raw(sql, *args).run()`: nowhere in
    what it returns or where it runs)."""
    engine = table._meta.db
    if (
        not isinstance(engine, ShopPostgresEngine)
        or engine.pool is None
        or engine.log_queries
        or any(isinstance(arg, QueryString) for arg in args)
    ):
        rows: list[dict[str, Any]] = await table.raw(sql, *args).run()
        return rows
    statement = numbered(sql)
    transaction = engine.current_transaction.get()
    if transaction is not None:
        records = await transaction.connection.fetch(statement, *args)
    else:
        records = await engine._run_in_pool(statement, args)
    return [dict(record) for record in records]
