"""The update stream's progress (models/update_state.py): a batch of handled keys is one
statement, a key handled twice is stored once, and a state that moves forgets the keys
it covers."""

from __future__ import annotations

from models.update_state import (
    HandledKey,
    StreamState,
    get_update_state,
    list_handled_keys,
    save_progress,
)
from runtime.database import DatabaseEngine
from tests.fixtures.statements import statements_logged, statements_sent

BOT = 7
STATE = StreamState(pts=10, qts=0, date=1, seq=1)


def keys(*names: tuple[str, int]) -> list[HandledKey]:
    return [HandledKey(f"{BOT}:{name}", position) for name, position in names]


async def test_a_batch_of_presses_is_stored_in_one_statement_each_key_once(
    db: DatabaseEngine,
) -> None:
    await save_progress(BOT, STATE, keys(("message:1", 10)))
    await statements_logged()
    before = statements_sent()
    await save_progress(
        BOT,
        STATE,
        keys(("query:a", 10), ("query:b", 11), ("query:a", 10), ("message:1", 10)),
        moved=False,
    )
    await statements_logged()
    if before is not None:  # PostgreSQL (SQLite is not counted)
        assert statements_sent() == before + 1
    assert await list_handled_keys(BOT) == {"message:1": 10, "query:a": 10, "query:b": 11}
    assert await list_handled_keys(BOT + 1) == {}


async def test_a_state_that_moves_forgets_the_keys_it_covers(db: DatabaseEngine) -> None:
    await save_progress(BOT, STATE, keys(("query:a", 10), ("query:b", 12)), moved=False)
    moved = StreamState(pts=12, qts=0, date=2, seq=2)
    await save_progress(BOT, moved, keys(("message:2", 12)))
    assert await get_update_state(BOT) == moved
    assert await list_handled_keys(BOT) == {"query:b": 12, "message:2": 12}
