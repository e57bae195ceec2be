"""`insert_rows`: many rows in one INSERT statement (per chunk), on PostgreSQL and SQLite.

Piccolo's `Table.insert(*objects)` builds a Table instance per row and maps every
value through its column; for a batch of orders that is most of the CPU. This writes
plain tuples as one parameterised `INSERT ... VALUES (...), (...)` with an optional
`RETURNING`, split so that no statement carries more than `MAX_PARAMETERS` values
(PostgreSQL's wire protocol allows 32767, SQLite's default limit is 32766).

Column names are the caller's constants, never data: only the values are parameters.
The result rows are keyed by column name, as Piccolo's `raw` returns them; on both
engines they come back in the order of the VALUES list. `skip_duplicates` adds `ON
CONFLICT DO NOTHING` (both engines): a row that would break a unique index is not
written, and returns nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from piccolo.table import Table

from runtime.db_raw import fetch_rows

MAX_PARAMETERS = 32_766


async def insert_rows(
    table: type[Table],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    returning: Sequence[str] = (),
    skip_duplicates: bool = False,
) -> list[dict[str, Any]]:
    """Insert `rows` (each a value per column of `columns`) into `table`; return the
    `returning` columns of each inserted row (empty without `returning`)."""
    if not rows:
        return []
    width = len(columns)
    if any(len(row) != width for row in rows):
        raise ValueError(f"every row must have {width} values")
    chunk = max(1, MAX_PARAMETERS // width)
    head = f"INSERT INTO {table._meta.tablename} ({', '.join(columns)}) VALUES "
    tail = " ON CONFLICT DO NOTHING" if skip_duplicates else ""
    tail += f" RETURNING {', '.join(returning)}" if returning else ""
    one_row = "(" + ", ".join(["{}"] * width) + ")"
    returned: list[dict[str, Any]] = []
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        sql = head + ", ".join([one_row] * len(part)) + tail
        values = [value for row in part for value in row]
        result = await fetch_rows(table, sql, *values)
        if returning:
            returned.extend(dict(row) for row in result)
    return returned
