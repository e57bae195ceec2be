"""Flood-guard benchmark: the cost of one admit when the guard already tracks many users.

    .venv/bin/python -m bench.guard                  # 100k users tracked
    .venv/bin/python -m bench.guard --users 100000 --admits 200000

Fills the guard to its cap with users whose buckets are not full (all seen within the
last `burst / rate` seconds: nothing can be forgotten for free), then times admits of
new users (each one forces an eviction) and of known users. Not a test: it prints
figures and the machine.
"""

from __future__ import annotations

import argparse
import time

from bench.machine import machine
from bot.guard import FloodGuard


class Clock:
    """Time that moves 1 µs per reading: every bucket stays below full."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1e-6
        return self.now


def per_admit(guard: FloodGuard, user_ids: range) -> float:
    """Seconds per admit of `user_ids`, in order."""
    started = time.perf_counter()
    for user_id in user_ids:
        guard.admit(user_id)
    return (time.perf_counter() - started) / len(user_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000, help="users tracked (the cap)")
    parser.add_argument("--admits", type=int, default=200_000, help="admits timed per kind")
    options = parser.parse_args()
    print(machine())
    guard = FloodGuard(clock=Clock(), max_users=options.users)
    per_admit(guard, range(options.users))
    new = per_admit(guard, range(options.users, options.users + options.admits))
    known_start = options.users + options.admits - options.users // 2
    known = per_admit(guard, range(known_start, known_start + min(options.admits, 50_000)))
    print(
        f"guard at its cap of {options.users} users: "
        f"new user {new * 1e6:.2f} µs/admit (evicts one), "
        f"known user {known * 1e6:.2f} µs/admit; tracked {guard.tracked_users()}"
    )


if __name__ == "__main__":
    main()
