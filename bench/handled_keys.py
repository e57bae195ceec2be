"""Handled-keys benchmark: the CPU the update ledger spends storing a batch of keys.

    .venv/bin/python -m bench.handled_keys
    .venv/bin/python -m bench.handled_keys --batches 1,10,60 --rounds 5

The update ledger stores the keys of the updates handled past the stream's stored pts
(models/update_state.py). A batch of button presses (they carry no pts, so the stored
state does not move) is one INSERT of its keys. Two ways, on the app's engine
(PostgreSQL, the pool as in production), alternating within each round:

* Piccolo: `HandledUpdate.insert(HandledUpdate(...), ...).on_conflict(...)`, a row
  object and its parameters per key (`_insert_handled_with_piccolo`: what
  `_insert_handled` did on PostgreSQL until 2026-12-07, and still does on SQLite);
* plain: the keys as two arrays in one statement (`unnest`), what it does now.

Process CPU per key, median of the rounds, for batches of 1 (a quiet shop: each press
flushed alone), 10 and 60 (a busy one). Not a test: it prints figures and the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import anyio
from loguru import logger

from bench.machine import machine
from bench.raw_statements import shop_engine
from models.clock import utcnow
from models.update_state import HandledKey, _insert_handled, _insert_handled_with_piccolo

BOT = 7
Insert = Callable[[int, Sequence[HandledKey], datetime], Awaitable[None]]


class Keys:
    """Fresh keys for every batch (a stored key would make the insert a no-op)."""

    def __init__(self) -> None:
        self._next = 0

    def batch(self, size: int) -> list[HandledKey]:
        first, self._next = self._next, self._next + size
        return [HandledKey(f"{BOT}:query:{n}", n) for n in range(first, first + size)]


async def cpu_per_key(insert: Insert, keys: Keys, size: int, batches: int) -> float:
    started = time.process_time()
    for _ in range(batches):
        await insert(BOT, keys.batch(size), utcnow())
    return (time.process_time() - started) / (batches * size)


async def bench(sizes: list[int], keys_per_round: int, rounds: int) -> None:
    print(f"machine: {machine()}")
    ways: dict[str, Insert] = {
        "Piccolo insert": _insert_handled_with_piccolo,
        "plain statement": _insert_handled,
    }
    async with shop_engine():
        keys = Keys()
        for size in sizes:
            batches = max(1, keys_per_round // size)
            figures: dict[str, list[float]] = {name: [] for name in ways}
            for _ in range(rounds):
                for name, insert in ways.items():
                    figures[name].append(await cpu_per_key(insert, keys, size, batches))
            medians = {name: statistics.median(values) for name, values in figures.items()}
            line = ", ".join(f"{name} {seconds * 1e6:6.1f} us" for name, seconds in medians.items())
            ratio = medians["plain statement"] / medians["Piccolo insert"]
            print(f"  batches of {size:>3}: CPU per key {line} (plain / Piccolo {ratio:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", default="1,10,60", help="batch sizes, comma-separated")
    parser.add_argument("--keys", type=int, default=600, help="keys per way and round")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.batches.split(",")]
    logger.remove()
    anyio.run(bench, sizes, arguments.keys, arguments.rounds, backend="asyncio")


if __name__ == "__main__":
    main()
