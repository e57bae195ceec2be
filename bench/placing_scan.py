"""What the order processor's scan for confirmed checkouts costs, with many abandoned ones.

The processor asks "which checkouts are `placing`?" every second
(`models.checkout.checkouts_placing`). Abandoned conversations stay in the table (one
row per shopper who ever started a checkout), so this loads `--abandoned` of them and a
few `placing`, then times the scan's query as the processor runs it (Piccolo, pooled)
and prints PostgreSQL's plan for it.

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); the run makes and drops
its own database: `python -m bench.placing_scan --abandoned 100000`.
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import anyio
import asyncpg

from bench.machine import machine
from config import Settings
from models.checkout import PLACING, CheckoutSession, checkouts_placing
from models.clock import utcnow
from runtime.database import open_database

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
PLACING_ROWS = 5
STEPS = ("name", "phone", "delivery", "comment", "summary")


@asynccontextmanager
async def database() -> AsyncIterator[Settings]:
    name = f"shopbot_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield Settings.model_validate(
            {
                "postgres_host": PG_HOST,
                "postgres_port": PG_PORT,
                "postgres_user": PG_USER,
                "postgres_db": name,
                "log_file_path": None,
            }
        )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def load(settings: Settings, abandoned: int) -> None:
    connection = await asyncpg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, database=settings.postgres_db
    )
    try:
        now = utcnow()
        data = json.dumps({"name": "Anna", "phone": "+447700900123"})
        rows = [
            (
                number,
                secrets.token_urlsafe(12),
                PLACING if number < PLACING_ROWS else STEPS[number % len(STEPS)],
                data,
                now - timedelta(minutes=number + 1),
            )
            for number in range(abandoned + PLACING_ROWS)
        ]
        await connection.copy_records_to_table(
            CheckoutSession._meta.tablename,
            records=rows,
            columns=["telegram_id", "key", "step", "data", "updated_at"],
        )
        await connection.execute(f"ANALYZE {CheckoutSession._meta.tablename}")
    finally:
        await connection.close()


async def bench(abandoned: int, runs: int, without_index: bool) -> None:
    print(machine())
    async with database() as settings, open_database(settings):
        await load(settings, abandoned)
        if without_index:  # for comparison: what the migration's index saves
            await CheckoutSession.raw("DROP INDEX idx_checkout_sessions_placing")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            found = await checkouts_placing(utcnow() - timedelta(seconds=2))
            timings.append(time.perf_counter() - started)
        assert len(found) == PLACING_ROWS, found
        plan = await CheckoutSession.raw(
            "EXPLAIN ANALYZE SELECT * FROM checkout_sessions"
            " WHERE step = {} AND updated_at < now() ORDER BY updated_at",
            PLACING,
        )
        print(
            f"{abandoned} abandoned + {PLACING_ROWS} placing checkouts: scan median "
            f"{statistics.median(timings) * 1000:.2f} ms, p99 "
            f"{statistics.quantiles(timings, n=100)[98] * 1000:.2f} ms over {runs} runs"
        )
        for row in plan:
            print("  ", row["QUERY PLAN"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--abandoned", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--without-index", action="store_true")
    arguments = parser.parse_args()
    anyio.run(
        bench, arguments.abandoned, arguments.runs, arguments.without_index, backend="asyncio"
    )


if __name__ == "__main__":
    main()
