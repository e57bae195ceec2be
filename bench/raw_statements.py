"""Raw statement benchmark: the CPU one plain-SQL statement costs, by the way it is run.

    .venv/bin/python -m bench.raw_statements
    .venv/bin/python -m bench.raw_statements --statements 5000 --rounds 5

The update path's statements are plain SQL with `{}` parameters (`models/storefront.py`,
`models/carts.py`, ...). The same small SELECT (a category list, three rows) is run
`--statements` times one after another on the app's engine (PostgreSQL, the pool and
its kept connections as in production), three ways:

* Piccolo: `Category.raw(sql, *args).run()`;
* `fetch_rows`: `runtime.db_raw.fetch_rows(Category, sql, *args)`, what the app runs;
* asyncpg: `fetch` on a connection taken once, the floor.

Process CPU per statement, median of the rounds (the three ways alternate within each
round, so the host's noise falls on all of them alike). Not a test: it prints figures
and the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import anyio
from loguru import logger

from bench.machine import machine
from bench.updates import database
from models.catalogue import Category
from runtime.database import open_database
from runtime.db_engine import ShopPostgresEngine
from runtime.db_raw import fetch_rows, numbered

SQL = "SELECT id, name FROM categories WHERE is_hidden = FALSE AND id > {} ORDER BY position, id"


@asynccontextmanager
async def shop_engine() -> AsyncIterator[ShopPostgresEngine]:
    """The app's engine on a throwaway database (`bench.updates.database`) with three
    categories."""
    async with database() as settings, open_database(settings) as engine:
        assert isinstance(engine, ShopPostgresEngine)
        for position, title in enumerate(("Tees", "Hoodies", "Caps")):
            await Category(name=title, position=position).save().run()
        yield engine


async def cpu_per_statement(run: Callable[[], Awaitable[object]], statements: int) -> float:
    started = time.process_time()
    for _ in range(statements):
        await run()
    return (time.process_time() - started) / statements


async def bench(statements: int, rounds: int) -> None:
    print(f"machine: {machine()}")
    print(f"{statements} statements one after another, {rounds} rounds")
    async with shop_engine() as engine:
        connection = await engine.take_connection()
        bare = numbered(SQL)

        async def piccolo() -> object:
            return await Category.raw(SQL, 0).run()

        async def ours() -> object:
            return await fetch_rows(Category, SQL, 0)

        async def floor() -> object:
            return await connection.fetch(bare, 0)

        ways = {"Piccolo raw().run()": piccolo, "fetch_rows": ours, "asyncpg fetch": floor}
        figures: dict[str, list[float]] = {name: [] for name in ways}
        for _ in range(rounds):
            for name, way in ways.items():
                figures[name].append(await cpu_per_statement(way, statements))
        await engine.give_back(connection)
    medians = {name: statistics.median(values) for name, values in figures.items()}
    for name, seconds in medians.items():
        print(f"  {name:<20} {seconds * 1e6:7.1f} us of CPU per statement (median)")
    saved = medians["Piccolo raw().run()"] - medians["fetch_rows"]
    print(f"  fetch_rows saves {saved * 1e6:.1f} us per statement against Piccolo's raw")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    logger.remove()
    anyio.run(bench, arguments.statements, arguments.rounds, backend="asyncio")


if __name__ == "__main__":
    main()
