"""Crashing the order processor on demand, inside the running app.

`CrashSwitch.install(monkeypatch)` makes the app build an order processor whose every run
also waits for the switch: `crash()` raises in that run, which cancels whatever the run
was doing (notices on the wire included) and ends it with an error, as a bug would; the
supervisor restarts it like any crashed actor.
"""

from __future__ import annotations

import anyio
import pytest

from actors.actor_context import ActorContext
from actors.orders.processor import OrderProcessor


class InjectedCrash(RuntimeError):
    """Raised in the order processor by the test."""


class CrashSwitch:
    def __init__(self) -> None:
        self._crash = anyio.Event()
        self.runs = 0

    def crash(self) -> None:
        self._crash.set()

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        switch = self

        class CrashingOrderProcessor(OrderProcessor):
            async def run(self, ctx: ActorContext) -> None:
                switch.runs += 1
                async with anyio.create_task_group() as run:
                    run.start_soon(switch._wait_and_crash)
                    await super().run(ctx)
                    run.cancel_scope.cancel()

        monkeypatch.setattr("actors.app.OrderProcessor", CrashingOrderProcessor)

    async def _wait_and_crash(self) -> None:
        await self._crash.wait()
        self._crash = anyio.Event()
        raise InjectedCrash("the order processor crashed on purpose")
