"""Actor wake benchmark: the CPU an idle actor spends on each message it wakes for.

    .venv/bin/python -m bench.actor_wakes
    .venv/bin/python -m bench.actor_wakes --messages 20000 --rounds 5

An actor reads its inbox through `ActorContext.messages`; between two updates or two
metric events it waits, and every message then wakes it. Here a sender and an actor
ping-pong `--messages` messages (the actor echoes each one back on a second mailbox),
so every message finds the actor waiting. Process CPU per round trip, median of the
rounds. Not a test: it prints figures and the machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

import anyio

from actors.actor_context import ActorContext
from actors.mailboxes import Mailboxes, MailboxSpec
from bench.machine import machine


async def one_round(messages: int) -> float:
    """Seconds of process CPU per round trip through an idle actor."""
    mailboxes = Mailboxes([MailboxSpec("in", 10), MailboxSpec("back", 10)])
    ctx = ActorContext("bench", 0, mailboxes)
    inbox = ctx.inbox("in")
    to_actor = mailboxes.clone_sender("in")
    from_actor = mailboxes.clone_receiver("back")
    echo = mailboxes.clone_sender("back")

    async def actor() -> None:
        async for message in ctx.messages(inbox):
            await echo.send(message)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(actor)
        started = time.process_time()
        for number in range(messages):
            await to_actor.send(number)
            await from_actor.receive()
        spent = time.process_time() - started
        ctx.stopping.set()
    for stream in (to_actor, from_actor, echo):
        stream.close()
    ctx._end()
    mailboxes.close()
    return spent / messages


async def bench(messages: int, rounds: int) -> None:
    print(f"machine: {machine()}")
    figures = []
    for number in range(rounds):
        figures.append(await one_round(messages))
        print(f"round {number + 1}: {figures[-1] * 1e6:6.1f} µs of CPU per message")
    print(f"median of {rounds} rounds: {statistics.median(figures) * 1e6:.1f} µs per message")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    anyio.run(bench, arguments.messages, arguments.rounds, backend="asyncio")


if __name__ == "__main__":
    main()
