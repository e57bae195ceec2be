"""The statistics queries can be answered from indexes on PostgreSQL: with sequential
scans priced out (`enable_seqscan = off`), no plan still reads a big table whole.

A sequential scan left in such a plan means no index can serve the query; the tables
here are empty, so the planner's choice with real data is shown by bench/statistics.py.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import asyncpg

from config import Settings
from models.statistics import Windows, statistics_queries
from runtime.database import open_database

BIG_TABLES = {"users", "orders", "order_items", "cart_items", "checkout_sessions", "broadcasts"}


def scanned_whole(plan: dict[str, Any]) -> set[str]:
    """The tables a plan reads with a sequential scan."""
    found = set()
    if plan.get("Node Type") == "Seq Scan":
        found.add(str(plan["Relation Name"]))
    for child in plan.get("Plans", []):
        found |= scanned_whole(child)
    return found


def numbered(sql: str) -> str:
    counter = iter(range(1, 1000))
    return re.sub(r"\{\}", lambda _: f"${next(counter)}", sql)


async def test_no_statistics_query_needs_a_sequential_scan(postgres_database: Settings) -> None:
    async with open_database(postgres_database):
        queries = statistics_queries(Windows.at(datetime(2026, 12, 5, 12, tzinfo=UTC)))
    connection = await asyncpg.connect(
        host=postgres_database.postgres_host,
        port=postgres_database.postgres_port,
        user=postgres_database.postgres_user,
        database=postgres_database.postgres_db,
    )
    try:
        await connection.execute("SET enable_seqscan = off")
        scans = {}
        for query in queries:
            raw = await connection.fetchval(
                f"EXPLAIN (FORMAT JSON) {numbered(query.sql)}", *query.values
            )
            plan = json.loads(raw)[0]["Plan"]
            scans[query.name] = scanned_whole(plan) & BIG_TABLES
    finally:
        await connection.close()
    assert len(scans) == len(queries)
    assert {name: tables for name, tables in scans.items() if tables} == {}
