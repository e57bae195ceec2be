"""Broadcast benchmark: pacing, memory and CPU of the real app on the fake Telegram.

    .venv/bin/python -m bench.broadcast                    # the full run (minutes)
    .venv/bin/python -m bench.broadcast --quick            # small sizes, a minute
    .venv/bin/python -m bench.broadcast --runs 20:600,30:900 --rss-users 10000 --no-baseline

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth); every run makes and
drops its own database. Each run is the real app (`python -m fake_telegram.remote_bot`,
i.e. `main.serve`, real Kurigram) in a child process, on a fake Telegram with
`--latency` (50 ms) served from this process, so the child's CPU time and peak RSS
are the bot's alone. The users are loaded with asyncpg COPY; the broadcast is a
`running` row the bot resumes at start (recipients queued by the bot itself).

Reported per run: achieved rate / configured, the most sends in any rolling 1 s (and
0.1 s: how bursty), `users.GetUsers` lookups per send, the peers the bot's session kept
(`telegram_peers` rows: Kurigram's peer store, written through), the bot's peak RSS
(VmHWM), CPU time per message and the machine's load (1-minute average, at the run's
end; the machine is shared). Users are loaded with their access hash (as the bot stores
it from their first message), so sends are addressed from the database; `--no-hashes`
loads them without, for the old path (a lookup per recipient never met). The seed's
pattern (a batch of 20 sent at once, then `sleep(1)`) runs on the same fake as the
baseline. The RSS runs put 10k and 1M users in the database and broadcast to all of
them for `--rss-seconds`, then stop the bot: memory must not grow with the audience.
Not a test: it prints figures (and the machine) for the README.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import secrets
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import anyio
import asyncpg
from anyio.abc import Process
from loguru import logger

from bench.machine import machine
from fake_telegram import FakeTelegram, RequestRecord

ROOT = Path(__file__).resolve().parent.parent
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"
SUPERADMIN = 900_001
FIRST_ID = 10_000_000
TEXT = "Benchmark broadcast: new arrivals, 20% off"
SENDS = frozenset({"messages.SendMessage", "messages.SendMedia"})


@dataclass
class Result:
    name: str
    configured: float
    recipients: int
    sent: int
    achieved: float
    max_1s: int
    max_100ms: int
    max_1s_sent: int  # by the bot's clock, as it put them on the wire
    peak_rss_mb: float
    cpu_ms_per_message: float
    wall_s: float
    lookups_per_send: float = 0.0  # users.GetUsers per send
    peers_kept: int = 0  # telegram_peers rows at the end (the session's peer store)
    load: float = 0.0  # 1-minute load average at the end
    note: str = ""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def status_mb(pid: int, field: str) -> float:
    """A memory line of /proc/PID/status (VmHWM: peak RSS, VmRSS: RSS now) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid: int) -> float:
    return status_mb(pid, "VmHWM")


def print_sample(pid: int, sent: int, since: float, tg: FakeTelegram) -> None:
    """One line of an RSS run: sends so far, the bot's RSS now and at its peak."""
    print(
        f"  {sent} sent in {time.monotonic() - since:.0f} s: RSS {status_mb(pid, 'VmRSS'):.0f}"
        f" MB, peak {peak_rss_mb(pid):.0f} MB, GetUsers {tg.request_counts['users.GetUsers']},"
        f" load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def max_in_window(times: Sequence[float], window: float) -> int:
    best = start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


# -- the database -------------------------------------------------------------------------


async def pg_connect(database: str) -> asyncpg.Connection:
    return await asyncpg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, database=database)


@asynccontextmanager
async def database() -> AsyncIterator[str]:
    name = f"shopbot_bench_{secrets.token_hex(4)}"
    admin = await pg_connect("postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield name
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def migrate(name: str) -> None:
    from config import Settings
    from runtime.database import open_database

    settings = Settings.model_validate(
        {"postgres_host": PG_HOST, "postgres_user": PG_USER, "postgres_db": name, "db_pool_size": 1}
    )
    async with open_database(settings):
        pass


async def load_users(name: str, count: int, *, hashes: bool = True) -> float:
    """COPY `count` users in (with the access hash Telegram gave the bot when `hashes`);
    returns the seconds it took."""
    from fake_telegram.state import access_hash_for

    started = time.perf_counter()
    connection = await pg_connect(name)
    try:
        now = datetime.now(UTC)
        chunk = 100_000
        for first in range(0, count, chunk):
            records = [
                (
                    FIRST_ID + i,
                    f"User{i}",
                    "ru",
                    False,
                    now,
                    now,
                    access_hash_for(FIRST_ID + i) if hashes else None,
                )
                for i in range(first, min(count, first + chunk))
            ]
            await connection.copy_records_to_table(
                "users",
                records=records,
                columns=[
                    "telegram_id",
                    "first_name",
                    "language",
                    "is_banned",
                    "last_active_at",
                    "created_at",
                    "access_hash",
                ],
            )
        await connection.execute(
            "INSERT INTO users (telegram_id, first_name, language, is_banned,"
            " last_active_at, created_at) VALUES ($1, 'Owner', 'en', false, $2, $2)",
            SUPERADMIN,
            now,
        )
        await connection.execute("ANALYZE users")
        await connection.execute(
            "INSERT INTO broadcasts (author_id, text, audience, status, total, sent, blocked,"
            " failed, created_at, started_at) VALUES ($1, $2, '{}', 'running', 0, 0, 0, 0,"
            " $3, $3)",
            SUPERADMIN,
            TEXT,
            now,
        )
    finally:
        await connection.close()
    return time.perf_counter() - started


async def peers_kept(name: str) -> int:
    """Rows in the session's peer store (`telegram_peers`, Kurigram's store written
    through to the database)."""
    connection = await pg_connect(name)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM telegram_peers"))
    finally:
        await connection.close()


async def broadcast_state(name: str) -> tuple[str, int, int]:
    connection = await pg_connect(name)
    try:
        row = await connection.fetchrow("SELECT status, total, sent FROM broadcasts LIMIT 1")
    finally:
        await connection.close()
    assert row is not None
    return str(row["status"]), int(row["total"]), int(row["sent"])


# -- the bot process ----------------------------------------------------------------------


def environment(name: str, rate: float) -> dict[str, str]:
    from config import Settings

    names = {field.upper() for field in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in names}
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "POSTGRES_HOST": PG_HOST,
            "POSTGRES_PORT": str(PG_PORT),
            "POSTGRES_USER": PG_USER,
            "POSTGRES_DB": name,
            "SUPERADMIN_IDS": str(SUPERADMIN),
            "BROADCAST_RATE": f"{rate:g}",
            "BROADCAST_PAID": "true" if rate > 30 else "false",
            "HTTP_PORT": "0",
            "LOG_FILE_PATH": "",
            "LOG_LEVEL": "WARNING",
            "ENVIRONMENT": "production",
        }
    )
    return env


async def start_process(args: list[str], env: dict[str, str], log: Path) -> Process:
    return await anyio.open_process(
        [sys.executable, *args],
        cwd=log.parent,
        env=env,
        stdout=log.open("wb"),
        stderr=log.open("ab"),
    )


async def stop_process(process: Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        with anyio.move_on_after(15):
            await process.wait()
    if process.returncode is None:
        process.kill()
        await process.wait()


class SendWatch:
    """Arrival times of the broadcast's sends (by the fake's clock and by the bot's), told
    by the fake as they arrive: two floats a send, not the fake's whole request log."""

    def __init__(self, tg: FakeTelegram) -> None:
        self._times: list[float] = []
        self._sent: list[float] = []
        tg.on_request = self._seen

    def _seen(self, request: RequestRecord) -> None:
        if request.name in SENDS and request.peer != SUPERADMIN:
            self._times.append(request.time)
            if request.sent is not None:
                self._sent.append(request.sent)

    def times(self) -> list[float]:
        return sorted(self._times)

    def sent_times(self) -> list[float]:
        return sorted(self._sent)


async def run_bot(  # noqa: PLR0917 - one run's parameters
    name: str,
    rate: float,
    recipients: int,
    world_users: int,
    latency: float,
    workdir: Path,
    *,
    seconds: float | None = None,
    sample_every: int = 0,
) -> Result:
    """One broadcast by the real app to every user in database `name`; with
    `sample_every`, a line with the bot's RSS (now and peak) every that many sends."""
    from fake_telegram.remote import serve_remote

    tg = FakeTelegram()
    watch = SendWatch(tg)
    for i in range(world_users):
        tg.user(FIRST_ID + i)
    tg.user(SUPERADMIN, lang="en", first_name="Owner")
    # This process is the measuring instrument: a full collection over its growing
    # request log would stall it and bunch the arrival times it records.
    gc.collect()
    gc.freeze()
    gc.disable()
    tg.latency = latency
    label = f"{rate:g}/s, {recipients} users" + (f", {seconds:g} s" if seconds else "")
    async with serve_remote(tg) as address:
        process = await start_process(
            ["-m", "fake_telegram.remote_bot", "--connect", address],
            environment(name, rate),
            workdir / f"bot-{rate:g}-{recipients}.log",
        )
        try:
            cpu_first = cpu_last = 0.0
            count = 0
            next_sample = sample_every
            first_seen = None
            started = time.monotonic()
            while True:
                await anyio.sleep(0.25)
                if process.returncode is not None:
                    raise RuntimeError(f"the bot exited with {process.returncode}; see {workdir}")
                new = sum(tg.request_counts[send] for send in SENDS)
                if new and first_seen is None:
                    first_seen = time.monotonic()
                    cpu_first = cpu_seconds(process.pid)
                if new != count:
                    count = new
                    cpu_last = cpu_seconds(process.pid)
                if sample_every and count >= next_sample:
                    next_sample += sample_every
                    print_sample(process.pid, count, first_seen or started, tg)
                if seconds is not None and first_seen and time.monotonic() - first_seen >= seconds:
                    break
                if count >= recipients + 1:  # and the superadmin
                    status, _total, _sent = await broadcast_state(name)
                    if status == "finished":
                        break
                if time.monotonic() - started > 3600:
                    raise TimeoutError("the broadcast did not finish within an hour")
            rss = peak_rss_mb(process.pid)
            kept = await peers_kept(name)
        finally:
            await stop_process(process)
    gc.enable()
    times = watch.times()
    sent = len(times)
    span = times[-1] - times[0] if sent > 1 else 0.0
    return Result(
        name=label,
        configured=rate,
        recipients=recipients,
        sent=sent,
        achieved=achieved_rate(sent, span, period=1 / rate),
        max_1s=max_in_window(times, 1.0),
        max_100ms=max_in_window(times, 0.1),
        max_1s_sent=max_in_window(watch.sent_times(), 1.0),
        peak_rss_mb=rss,
        cpu_ms_per_message=1000 * (cpu_last - cpu_first) / max(1, sent - 1),
        wall_s=span,
        lookups_per_send=tg.request_counts["users.GetUsers"] / max(1, sent),
        peers_kept=kept,
        load=os.getloadavg()[0],
    )


def achieved_rate(sent: int, span: float, *, period: float) -> float:
    """Sends per second over whole periods of the pattern: `span` runs from the first send
    to the last, so it holds one period fewer than the sends took (a paced sender's last
    interval, the seed's last batch's second). Dividing `sent - 1` by it is right for a
    paced sender only; the seed's batches of 20 then read as 110% of 20/s."""
    return sent / (span + period) if sent else 0.0


# -- the seed's pattern -------------------------------------------------------------------

#: The seed's cycle: a batch of 20 sent at once, then `sleep(1)`.
SEED_PERIOD = 1.0


async def seed_child(address: str, name: str) -> None:
    """In a child process: the seed's broadcast loop (batches of 20 at once, then 1 s)."""
    from fake_telegram.client import build_client
    from fake_telegram.remote import connect_remote

    connection = await pg_connect(name)
    rows = await connection.fetch(  # the seed read every recipient at once
        "SELECT telegram_id FROM users WHERE is_banned = false AND telegram_id <> $1",
        SUPERADMIN,
    )
    await connection.close()
    async with connect_remote(address) as host:
        client = build_client(host, bot_id=7_000_000_001)
        await client.start()
        ids = [row["telegram_id"] for row in rows]
        for start in range(0, len(ids), 20):
            await asyncio.gather(*(client.send_message(i, TEXT) for i in ids[start : start + 20]))
            await asyncio.sleep(1)
        await client.stop()


async def run_seed(name: str, recipients: int, latency: float, workdir: Path) -> Result:
    from fake_telegram.remote import serve_remote

    tg = FakeTelegram()
    watch = SendWatch(tg)
    for i in range(recipients):
        tg.user(FIRST_ID + i)
    tg.latency = latency
    async with serve_remote(tg) as address:
        process = await start_process(
            ["-m", "bench.broadcast", "--seed-child", address, name],
            environment(name, 20),
            workdir / "seed.log",
        )
        cpu_first = cpu_last = rss = 0.0
        first = False
        while process.returncode is None:
            await anyio.sleep(0.25)
            if process.returncode is not None:
                break
            if not first and any(tg.request_counts[send] for send in SENDS):
                first, cpu_first = True, cpu_seconds(process.pid)
            try:
                cpu_last, rss = cpu_seconds(process.pid), peak_rss_mb(process.pid)
            except (OSError, IndexError):
                break
        await process.wait()
    times = watch.times()
    sent = len(times)
    span = times[-1] - times[0] if sent > 1 else 0.0
    return Result(
        name=f"seed: 20 at once, sleep 1 s; {recipients} users",
        configured=20,
        recipients=recipients,
        sent=sent,
        achieved=achieved_rate(sent, span, period=SEED_PERIOD),
        max_1s=max_in_window(times, 1.0),
        max_100ms=max_in_window(times, 0.1),
        max_1s_sent=max_in_window(watch.sent_times(), 1.0),
        peak_rss_mb=rss,
        cpu_ms_per_message=1000 * (cpu_last - cpu_first) / max(1, sent - 1),
        wall_s=span,
        lookups_per_send=tg.request_counts["users.GetUsers"] / max(1, sent),
        load=os.getloadavg()[0],
    )


# -- main ---------------------------------------------------------------------------------


def table(results: Sequence[Result]) -> str:
    lines = [
        "| run | sent | achieved / configured | max in 1 s: sent (received) | max in 0.1 s"
        " | GetUsers / send | peers kept | peak RSS | CPU / msg | load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.name}{(' (' + r.note + ')') if r.note else ''} | {r.sent} | "
            f"{r.achieved:.2f} / {r.configured:g} ({100 * r.achieved / r.configured:.1f}%) | "
            f"{r.max_1s_sent} ({r.max_1s}) | {r.max_100ms} | {r.lookups_per_send:.2f} | "
            f"{r.peers_kept} | {r.peak_rss_mb:.0f} MB | {r.cpu_ms_per_message:.2f} ms | "
            f"{r.load:.1f} |"
        )
    return "\n".join(lines)


def parse_runs(value: str) -> list[tuple[float, int]]:
    runs = []
    for part in filter(None, value.split(",")):
        rate, _, count = part.partition(":")
        runs.append((float(rate), int(count)))
    return runs


async def bench(args: argparse.Namespace) -> None:
    workdir = Path(args.workdir).resolve()  # noqa: ASYNC240 - once, before any run
    workdir.mkdir(parents=True, exist_ok=True)
    logger.remove()  # the bench's own database setup logs nothing below a warning
    logger.add(sys.stderr, level="WARNING")
    print(f"machine: {machine()}")
    print(f"fake Telegram latency {args.latency * 1000:.0f} ms; logs in {workdir}", flush=True)
    results: list[Result] = []
    for rate, count in parse_runs(args.runs):
        async with database() as name:
            await migrate(name)
            await load_users(name, count, hashes=args.hashes)
            result = await run_bot(name, rate, count, count, args.latency, workdir)
            results.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    if args.baseline:
        async with database() as name:
            await migrate(name)
            await load_users(name, args.baseline)
            result = await run_seed(name, args.baseline, args.latency, workdir)
            results.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    for users in [int(u) for u in args.rss_users.split(",") if u]:
        async with database() as name:
            await migrate(name)
            took = await load_users(name, users, hashes=args.hashes)
            world = min(users, int(args.rss_rate * args.rss_seconds * 1.5) + 1000)
            result = await run_bot(
                name,
                args.rss_rate,
                users,
                world,
                args.latency,
                workdir,
                seconds=args.rss_seconds,
                sample_every=args.rss_every,
            )
            result.note = f"COPY {took:.1f} s"
            results.append(result)
            print(table([result]).splitlines()[-1], flush=True)
    print()
    print(f"machine: {machine()}")
    print(table(results))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__)
    parser.add_argument("--runs", default="20:600,30:900,1000:100000", help="RATE:USERS,...")
    parser.add_argument("--baseline", type=int, default=600, help="users for the seed's pattern")
    parser.add_argument("--no-baseline", dest="baseline", action="store_const", const=0)
    parser.add_argument("--rss-users", default="10000,1000000", help="users in the database")
    parser.add_argument("--rss-rate", type=float, default=1000)
    parser.add_argument("--rss-seconds", type=float, default=20)
    parser.add_argument(
        "--rss-every", type=int, default=0, help="print the RSS every N sends of an RSS run"
    )
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument(
        "--no-hashes",
        dest="hashes",
        action="store_false",
        help="users without a stored access hash (the old path: a lookup per recipient)",
    )
    parser.add_argument(
        "--workdir", default=str(Path(tempfile.gettempdir()) / "shopbot-bench"), help="logs"
    )
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument(
        "--seed-child", nargs=2, metavar=("ADDRESS", "DATABASE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.seed_child:
        anyio.run(seed_child, *args.seed_child, backend="asyncio")
        return
    if args.quick:
        args.runs, args.baseline, args.rss_users, args.rss_seconds = (
            "20:200,1000:5000",
            100,
            "10000",
            5,
        )
    sys.path.insert(0, str(ROOT))
    anyio.run(bench, args, backend="asyncio")


if __name__ == "__main__":
    main()
