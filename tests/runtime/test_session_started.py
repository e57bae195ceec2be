"""A started session's requests wait for it without a task of their own; a restarting
one's wait for it as before (runtime/session_started.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any

import anyio
import pytest
from pyrogram.raw.functions.help.get_config import GetConfig

from fake_telegram import FakeTelegram
from runtime.session_started import StartedEvent
from runtime.telegram import running_client

pytestmark = pytest.mark.anyio


class TasksMade:
    count = 0


@contextmanager
def counting_tasks(event: asyncio.Event | None = None) -> Iterator[TasksMade]:
    """Tasks made meanwhile (only those that wait for `event`, when given: Kurigram's
    own background tasks come and go)."""
    loop = asyncio.get_running_loop()
    made = TasksMade()

    def factory(
        loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any], **kwargs: Any
    ) -> asyncio.Task[Any]:
        frame = getattr(coro, "cr_frame", None)
        if event is None or (frame is not None and frame.f_locals.get("self") is event):
            made.count += 1
        return asyncio.Task(coro, loop=loop, **kwargs)

    loop.set_task_factory(factory)  # type: ignore[arg-type]
    try:
        yield made
    finally:
        loop.set_task_factory(None)


async def test_waiting_for_a_set_started_event_makes_no_task() -> None:
    plain, started = asyncio.Event(), StartedEvent()
    plain.set()
    started.set()

    with counting_tasks() as for_plain:
        assert await asyncio.wait_for(plain.wait(), 10) is True
    with counting_tasks() as for_started:
        assert await asyncio.wait_for(started.wait(), 10) is True

    assert for_plain.count == 1  # what every request paid before
    assert for_started.count == 0


async def test_waiting_for_a_clear_started_event_lasts_until_it_is_set() -> None:
    started = StartedEvent()
    woken = anyio.Event()

    async def request() -> None:
        await asyncio.wait_for(started.wait(), 10)
        woken.set()

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(request)
        await anyio.wait_all_tasks_blocked()
        assert not woken.is_set()
        started.set()
        with anyio.fail_after(5):
            await woken.wait()


async def test_waiting_for_a_clear_started_event_times_out_as_before() -> None:
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(StartedEvent().wait(), 0.01)


async def test_the_bots_session_gets_a_started_event_that_follows_its_restarts(
    fake_telegram: FakeTelegram,
) -> None:
    async with running_client(fake_telegram.make_client()) as client:
        session = client.session
        assert session is not None
        assert isinstance(session.is_started, StartedEvent)
        assert session.is_started.is_set()
        with counting_tasks(session.is_started) as during_request:
            await client.invoke(GetConfig())
        assert during_request.count == 0

        await session.restart()  # type: ignore[no-untyped-call]  # Kurigram is untyped

        assert isinstance(session.is_started, StartedEvent)
        assert session.is_started.is_set()
        await client.invoke(GetConfig())
    assert not session.is_started.is_set()
