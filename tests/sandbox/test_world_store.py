"""The saved world: a round trip keeps conversations, personas and payable invoices; a
file that cannot be used is set aside and the sandbox starts clean; a running sandbox
saves once its world changed."""

from __future__ import annotations

import itertools
import sqlite3
from functools import partial
from pathlib import Path

import anyio
import pytest
from loguru import logger

from fake_telegram import FakeTelegram, tl
from fake_telegram.payments import Invoice
from fake_telegram.state import StoredMessage
from sandbox.personas import DEFAULT_PERSONAS
from sandbox.run import keep_saved
from sandbox.world import SandboxWorld
from sandbox.world_store import Snapshot, WorldStore


def a_world() -> SandboxWorld:
    world = SandboxWorld(FakeTelegram(seed=7), channel_id=None)
    world.add_shopper("Zoe", "en")
    stored = world.telegram.world.store_file(b"\x89PNG fake", kind="photo", name="a.png")
    assert stored.id in world.telegram.world.files
    return world


def test_a_round_trip_keeps_the_world_and_every_persona(tmp_path: Path) -> None:
    world = a_world()
    store = WorldStore(tmp_path / "world.sqlite3")

    store.save(store.encode(Snapshot(world.telegram.world, world.personas)), clean=True)
    loaded = store.load()

    assert loaded is not None and loaded.clean
    assert loaded.personas == world.personas
    assert loaded.personas[-1].first_name == "Zoe"
    assert loaded.world.users.keys() == world.telegram.world.users.keys()
    assert [f.data for f in loaded.world.files.values()] == [b"\x89PNG fake"]
    # the ids the fake hands out go on from where they were
    assert loaded.world.random_long() == world.telegram.world.random_long()
    world.telegram.close()


def test_an_invoice_still_points_at_its_message_after_the_round_trip(tmp_path: Path) -> None:
    telegram = FakeTelegram()
    mailbox = telegram.world.mailbox(telegram.bot_id)
    media = tl.MessageMediaInvoice(
        title="Order", description="1 item", currency="RUB", total_amount=100, start_param=""
    )
    invoice = Invoice(telegram.bot_id, media, b"payload", "RUB", 100, "test")
    mailbox.add(StoredMessage(1, 42, telegram.bot_id, True, 0, media=media))
    store = WorldStore(tmp_path / "world.sqlite3")
    store.save(
        store.encode(Snapshot(telegram.world, list(DEFAULT_PERSONAS), [invoice])), clean=False
    )

    loaded = store.load()

    assert loaded is not None and not loaded.clean
    [restored] = loaded.invoices
    assert restored.media is loaded.world.mailbox(telegram.bot_id).messages[1].media
    telegram.close()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda path: path.write_bytes(b"not a database at all"),
        lambda path: _update(path, "UPDATE snapshot SET format = format + 1"),
        lambda path: _update(path, "UPDATE snapshot SET fingerprint = 'older'"),
        lambda path: _update(path, "UPDATE snapshot SET world = x'00'"),
    ],
    ids=["not-sqlite", "other-format", "other-fingerprint", "bad-pickle"],
)
def test_an_unusable_file_is_set_aside_and_the_sandbox_starts_clean(
    tmp_path: Path, spoil: object
) -> None:
    world = a_world()
    path = tmp_path / "world.sqlite3"
    store = WorldStore(path)
    store.save(store.encode(Snapshot(world.telegram.world, world.personas)), clean=True)
    assert callable(spoil)
    spoil(path)
    said: list[str] = []
    sink = logger.add(lambda message: said.append(message.record["message"]), level="WARNING")
    try:
        assert store.load() is None
    finally:
        logger.remove(sink)

    assert not path.exists()
    assert (tmp_path / "world.sqlite3.unreadable").exists()
    assert len(said) == 1 and "starting clean" in said[0]
    assert store.load() is None  # and nothing is left to trip over
    world.telegram.close()


def _update(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(statement)
    db.close()


def test_no_file_is_no_snapshot(tmp_path: Path) -> None:
    assert WorldStore(tmp_path / "absent.sqlite3").load() is None


async def test_a_running_sandbox_saves_its_world_once_it_changed(tmp_path: Path) -> None:
    world = a_world()
    saved = anyio.Event()
    cleanly: list[bool] = []

    class Recording(WorldStore):
        def save(self, encoded: tuple[bytes, str], *, clean: bool) -> None:
            super().save(encoded, clean=clean)
            cleanly.append(clean)
            anyio.from_thread.run_sync(saved.set)

    store = Recording(tmp_path / "world.sqlite3")
    versions = itertools.chain([0], itertools.repeat(1))  # one change, then none

    def take() -> Snapshot:
        return Snapshot(world.telegram.world, world.personas)

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(partial(keep_saved, store, take, lambda: next(versions), every=0.001))
        with anyio.fail_after(5):
            await saved.wait()
        tasks.cancel_scope.cancel()

    assert cleanly == [False]
    loaded = store.load()
    assert loaded is not None and not loaded.clean and loaded.personas == world.personas
    world.telegram.close()
