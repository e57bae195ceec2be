"""What a catalogue CSV import costs: 10k variants, checked and applied, on both engines.

Each run makes a fresh database (PostgreSQL on 127.0.0.1:5432, user postgres, trust
auth; SQLite in a temporary folder), then times, with the functions the bot runs:
- check: `read_catalogue` over the file's bytes (decoded and parsed as a stream);
- first import: `apply_catalogue` creating every category, product, variant and photo;
- re-import: the same file with every stock changed (updates by SKU).
Prints the machine, then the median seconds of `--runs` runs (default 3) per engine:
`python -m bench.csv_import --variants 10000`.
"""

from __future__ import annotations

import argparse
import io
import secrets
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import asyncpg

from bench.machine import machine
from config import Settings
from models.catalogue_import import read_catalogue
from models.catalogue_upsert import apply_catalogue
from runtime.database import open_database
from tests.fixtures.catalogue_files import catalogue_rows, csv_bytes

PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
ADMIN = 1


def settings_for(**values: object) -> Settings:
    return Settings.model_validate({"log_file_path": None, "postgres_host": None, **values})


@asynccontextmanager
async def postgres() -> AsyncIterator[Settings]:
    name = f"shopbot_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield settings_for(
            postgres_host=PG_HOST, postgres_port=PG_PORT, postgres_user=PG_USER, postgres_db=name
        )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@asynccontextmanager
async def sqlite() -> AsyncIterator[Settings]:
    with tempfile.TemporaryDirectory() as folder:
        yield settings_for(sqlite_path=Path(folder) / "shop.sqlite3")


async def one_run(settings: Settings, first: bytes, second: bytes) -> tuple[float, ...]:
    async with open_database(settings):
        started = time.perf_counter()
        checked = read_catalogue(io.BytesIO(first))
        checked_at = time.perf_counter()
        assert checked.ok, checked.errors
        created = await apply_catalogue(checked.rows, admin_id=ADMIN)
        created_at = time.perf_counter()
        assert created.variants_created == len(checked.rows)
        again = read_catalogue(io.BytesIO(second))
        updated_started = time.perf_counter()
        updated = await apply_catalogue(again.rows, admin_id=ADMIN)
        updated_at = time.perf_counter()
        assert updated.variants_updated == len(again.rows)
    return (
        checked_at - started,
        created_at - checked_at,
        updated_at - updated_started,
    )


async def bench(variants: int, runs: int) -> None:
    print(machine())
    first = csv_bytes(catalogue_rows(variants, stock=3), delimiter=";", bom=True)
    second = csv_bytes(catalogue_rows(variants, stock=7), delimiter=";", bom=True)
    print(f"{variants} variants, a {len(first) / 1e6:.1f} MB file; median of {runs} runs:")
    for engine, database in (("PostgreSQL", postgres), ("SQLite", sqlite)):
        timings = []
        for _ in range(runs):
            async with database() as settings:
                timings.append(await one_run(settings, first, second))
        check, create, update = (statistics.median(column) for column in zip(*timings, strict=True))
        print(
            f"  {engine:<10} check {check:.2f} s, first import {create:.2f} s, "
            f"re-import (every stock changed) {update:.2f} s, "
            f"check + first import {check + create:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    anyio.run(bench, arguments.variants, arguments.runs, backend="asyncio")


if __name__ == "__main__":
    main()
