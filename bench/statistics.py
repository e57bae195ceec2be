"""What the Statistics screen costs on a big shop: 1M users and 100k orders on PostgreSQL.

Makes a throwaway database (PostgreSQL on 127.0.0.1:5432, user postgres, trust auth),
migrates it, fills it in SQL (`generate_series`: a million users over two years, 100k
orders over a year with one or two items each, 20k cart lines, 5k checkout sessions,
20 broadcasts), runs VACUUM ANALYZE, then times each query of the screen and the whole
screen (`compute_statistics`, the figures the bot caches for 5 minutes), median of
`--runs` runs after one warm-up, and names the plan's scans of each query:
`python -m bench.statistics --users 1000000 --orders 100000`.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from typing import Any

import anyio
import asyncpg

from bench.csv_import import postgres
from bench.machine import machine
from models.clock import utcnow
from models.statistics import Windows, compute_statistics, run_query, statistics_queries
from runtime.database import open_database

FILL = [
    "INSERT INTO users (telegram_id, first_name, language, is_banned, bot_blocked_at,"
    " last_active_at, created_at)"
    " SELECT 10000000 + g, 'User', CASE WHEN g % 3 = 0 THEN 'en' ELSE 'ru' END,"
    " g % 200 = 0, CASE WHEN g % 50 = 0 THEN now() - random() * interval '300 days' END,"
    " now() - random() * interval '365 days', now() - random() * interval '730 days'"
    " FROM generate_series(1, {users}) AS g",
    "INSERT INTO orders (user_id, status, customer_name, phone, delivery_method, address,"
    " comment, total, currency, payment_charge_id, created_at, updated_at, payment_method)"
    " SELECT 1 + (random() * ({users} - 1))::int,"
    " (ARRAY['new','confirmed','paid','shipped','delivered','cancelled'])[1 + g % 6],"
    " 'Someone', '+70000000000', 'courier', '', '', 1000 + (g % 50) * 100, 'RUB',"
    " CASE WHEN g % 3 = 0 THEN 'charge-' || g END, t, t,"
    " CASE WHEN g % 3 = 0 THEN 'online' ELSE 'on_delivery' END"
    " FROM (SELECT g, now() - random() * interval '365 days' AS t"
    " FROM generate_series(1, {orders}) AS g) AS s",
    "INSERT INTO order_items (order_id, product_title, size, unit_price, quantity)"
    " SELECT id, 'Product ' || (id % 50), (ARRAY['XS','S','M','L','XL'])[1 + id % 5],"
    " 1990, 1 + id % 3 FROM orders",
    "INSERT INTO order_items (order_id, product_title, size, unit_price, quantity)"
    " SELECT id, 'Product ' || (id % 37), 'M', 990, 1 FROM orders WHERE id % 2 = 0",
    "INSERT INTO cart_items (user_id, quantity, added_at, product_title, size)"
    " SELECT DISTINCT ON (u) u, 1, now(), 'Tee', 'M'"
    " FROM (SELECT 1 + (random() * ({users} - 1))::int AS u"
    " FROM generate_series(1, 20000)) AS s",
    "INSERT INTO checkout_sessions (telegram_id, key, step, data, updated_at)"
    " SELECT 10000000 + g * 37, 'k' || g, 'name', '{{}}', now()"
    " FROM generate_series(1, 5000) AS g",
    "INSERT INTO broadcasts (author_id, text, audience, status, total, sent, blocked,"
    " failed, created_at, nonce)"
    " SELECT 1, 'Hello', '{{}}', 'finished', 1000, 950, 40, 10,"
    " now() - g * interval '1 day', g FROM generate_series(1, 20) AS g",
]


def numbered_placeholders(sql: str) -> str:
    """Piccolo's `{}` placeholders as asyncpg's `$1, $2...`."""
    counter = iter(range(1, 100))
    return re.sub(r"\{\}", lambda _: f"${next(counter)}", sql)


def scans(plan: dict[str, Any]) -> list[str]:
    here = []
    if "Scan" in str(plan.get("Node Type")) and "Relation Name" in plan:
        index = plan.get("Index Name")
        here.append(
            f"{plan['Node Type']} {plan['Relation Name']}" + (f" ({index})" if index else "")
        )
    for child in plan.get("Plans", []):
        here.extend(scans(child))
    return here


async def bench(users: int, orders: int, runs: int) -> None:
    print(machine())
    async with postgres() as settings, open_database(settings):
        connection = await asyncpg.connect(
            host=settings.postgres_host,
            port=settings.postgres_port,
            user=settings.postgres_user,
            database=settings.postgres_db,
        )
        try:
            started = time.perf_counter()
            for sql in FILL:
                await connection.execute(sql.format(users=users, orders=orders))
            await connection.execute("VACUUM ANALYZE")
            print(
                f"{users} users, {orders} orders: filled in {time.perf_counter() - started:.1f} s"
            )
            queries = statistics_queries(Windows.at(utcnow()))
            print(f"median of {runs} runs after a warm-up:")
            for query in queries:
                await run_query(query)
                timings = []
                for _ in range(runs):
                    began = time.perf_counter()
                    await run_query(query)
                    timings.append(time.perf_counter() - began)
                numbered = numbered_placeholders(query.sql)
                raw = await connection.fetchval(f"EXPLAIN (FORMAT JSON) {numbered}", *query.values)
                plan = ", ".join(dict.fromkeys(scans(json.loads(raw)[0]["Plan"])))
                print(f"  {query.name:<18} {statistics.median(timings) * 1000:8.1f} ms  {plan}")
            await compute_statistics()
            timings = []
            for _ in range(runs):
                began = time.perf_counter()
                await compute_statistics()
                timings.append(time.perf_counter() - began)
            print(f"  {'whole screen':<18} {statistics.median(timings) * 1000:8.1f} ms")
        finally:
            await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    anyio.run(bench, arguments.users, arguments.orders, arguments.runs, backend="asyncio")


if __name__ == "__main__":
    main()
