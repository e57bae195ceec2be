"""The garbage collector's pauses during part of a bench (`gc.callbacks`).

A collection stops every coroutine of the process for its length, so its pauses land in
the handler latency of every update in flight: `CollectorPauses.during()` records each
collection's generation and length while a block runs, and `summary()` says how many
there were per generation and how long they took (mean and longest).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

GENERATIONS = ("young", "middle", "full")


class CollectorPauses:
    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []  # (generation, seconds)
        self._started = 0.0

    def _record(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((int(info["generation"]), time.perf_counter() - self._started))

    @contextmanager
    def during(self) -> Iterator[None]:
        gc.callbacks.append(self._record)
        try:
            yield
        finally:
            gc.callbacks.remove(self._record)

    def summary(self) -> str:
        parts = []
        for generation, name in enumerate(GENERATIONS):
            seconds = [took for seen, took in self.pauses if seen == generation]
            if seconds:
                parts.append(
                    f"{name} {len(seconds)} x {statistics.mean(seconds) * 1000:.2f} ms"
                    f" (longest {max(seconds) * 1000:.1f})"
                )
            else:
                parts.append(f"{name} 0")
        return ", ".join(parts)
