"""The order processor's side of a catalogue import: the outcome goes back on the reply
stream; data the database refuses fails that import alone; an admin who stopped
waiting costs nothing."""

from __future__ import annotations

import sqlite3

import anyio
import pytest

from actors.messages import ImportCatalogue, ImportFailed
from actors.orders import catalogue_import
from bot.commands import ImportOutcome
from models.catalogue_upsert import ImportResult


async def test_a_refused_import_is_answered_as_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refused(*_args: object, **_kwargs: object) -> ImportResult:
        raise sqlite3.IntegrityError("UNIQUE constraint failed: product_variants.sku")

    monkeypatch.setattr(catalogue_import, "apply_catalogue", refused)
    reply, answers = anyio.create_memory_object_stream[ImportOutcome](1)
    with answers:
        await catalogue_import.import_catalogue(ImportCatalogue(7, (), reply))
        with anyio.fail_after(1):
            outcome = await answers.receive()
    assert isinstance(outcome, ImportFailed)
    assert "UNIQUE constraint failed" in outcome.reason


async def test_an_admin_who_stopped_waiting_does_not_break_the_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def applied(*_args: object, **_kwargs: object) -> ImportResult:
        return ImportResult(variants_updated=3, restocked=(5,))

    monkeypatch.setattr(catalogue_import, "apply_catalogue", applied)
    reply, answers = anyio.create_memory_object_stream[ImportOutcome](1)
    answers.close()  # the handler timed out
    outcome = await catalogue_import.import_catalogue(ImportCatalogue(7, (), reply))
    assert outcome == ImportResult(variants_updated=3, restocked=(5,))
