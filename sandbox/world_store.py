"""The sandbox's saved world: the fake Telegram's memory and the personas, in one SQLite
file (`data/sandbox/world.sqlite3`), so a restart keeps the conversations.

One row holds the latest snapshot: the fake's `World` and its invoices pickled together
(so an invoice still points at its message's media, and stays payable), the personas as
JSON, the snapshot's FORMAT and a fingerprint of the fake's data classes and Kurigram's
TL layer. A file that cannot be read, of another FORMAT or fingerprint (the fake changed
since it was written) is set aside: the sandbox starts clean and says so in the log.
The file is the sandbox's own, written by this process; it is never read from elsewhere.

`clean` says the snapshot was taken at a graceful stop. A snapshot saved while running
(the process was then killed) may be behind the shop's database: see `Snapshot.clean`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from loguru import logger
from pyrogram.raw.all import layer

from fake_telegram import World
from fake_telegram import state as world_state
from fake_telegram.payments import Invoice
from sandbox.personas import Persona, PersonaRole

#: Bump when what a snapshot holds changes shape in a way the fingerprint cannot see.
FORMAT = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    format INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    saved_at REAL NOT NULL,
    clean INTEGER NOT NULL,
    world BLOB NOT NULL,
    personas TEXT NOT NULL
)
"""


def fingerprint() -> str:
    """The shape of what is pickled: every data class of the fake's world (names and
    fields), the invoice's, and the TL layer."""
    shapes = [
        f"{cls.__name__}({','.join(f.name for f in dataclasses.fields(cls))})"
        for cls in (*_world_classes(), Invoice)
    ]
    return hashlib.sha256(f"layer {layer};{';'.join(shapes)}".encode()).hexdigest()[:16]


def _world_classes() -> list[type]:
    return [
        value
        for value in vars(world_state).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == world_state.__name__
    ]


@dataclass
class Snapshot:
    world: World
    personas: list[Persona]
    invoices: list[Invoice] = dataclasses.field(default_factory=list)
    #: True when taken at a graceful stop; False when saved while running.
    clean: bool = True


class WorldStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Snapshot | None:
        """The saved snapshot; None when there is none or it cannot be used (logged)."""
        if not self.path.exists():
            return None
        try:
            with closing(sqlite3.connect(self.path)) as db:
                row = db.execute(
                    "SELECT format, fingerprint, clean, world, personas FROM snapshot"
                ).fetchone()
        except sqlite3.Error as error:
            self._set_aside(f"it cannot be read ({error})")
            return None
        if row is None:
            return None
        saved_format, saved_fingerprint, clean, blob, personas = row
        if saved_format != FORMAT or saved_fingerprint != fingerprint():
            self._set_aside("it was written by another version of the sandbox")
            return None
        try:
            world, invoices = pickle.loads(blob)
            return Snapshot(world, _personas_from_json(personas), invoices, bool(clean))
        except Exception as error:  # noqa: BLE001 - any unreadable file: start clean, say so
            self._set_aside(f"it cannot be read ({type(error).__name__})")
            return None

    def encode(self, snapshot: Snapshot) -> tuple[bytes, str]:
        """The snapshot as stored (taken in the event loop: the world must not change
        while it is pickled); `save` writes it (in a worker thread if need be)."""
        blob = pickle.dumps((snapshot.world, snapshot.invoices), pickle.HIGHEST_PROTOCOL)
        return blob, _personas_to_json(snapshot.personas)

    def save(self, encoded: tuple[bytes, str], *, clean: bool) -> None:
        blob, personas = encoded
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path)) as db, db:
            db.execute(SCHEMA)
            db.execute(
                "INSERT OR REPLACE INTO snapshot VALUES (1, ?, ?, ?, ?, ?, ?)",
                (FORMAT, fingerprint(), time.time(), int(clean), blob, personas),
            )

    def _set_aside(self, why: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.unreadable")
        self.path.replace(aside)
        logger.warning("the sandbox's saved world {} is set aside, {}: starting clean", aside, why)


def _personas_to_json(personas: list[Persona]) -> str:
    return json.dumps([dataclasses.asdict(p) for p in personas], ensure_ascii=False)


def _personas_from_json(text: str) -> list[Persona]:
    return [
        Persona(
            user_id=int(item["user_id"]),
            first_name=str(item["first_name"]),
            language=str(item["language"]),
            role=PersonaRole(item["role"]),
            phone=str(item["phone"]),
        )
        for item in json.loads(text)
    ]
