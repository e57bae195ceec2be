"""Kurigram's update states kept in a dict answer as Kurigram's own in-memory SQLite
storage does, for the same calls (runtime/telegram_update_states.py)."""

from __future__ import annotations

from pathlib import Path

from pyrogram.storage import SQLiteStorage, UpdateState

from runtime.telegram_update_states import UpdateStatesInMemory


class DictStorage(UpdateStatesInMemory, SQLiteStorage):
    pass


async def test_the_dict_answers_as_kurigrams_sqlite_storage() -> None:
    reference = SQLiteStorage("reference", Path("."), in_memory=True)
    ours = DictStorage("ours", Path("."), in_memory=True)
    await reference.open()  # type: ignore[no-untyped-call]
    await ours.open()  # type: ignore[no-untyped-call]
    calls: list[UpdateState | list[UpdateState]] = [
        UpdateState(0, 10, 1, 1_000, 5),
        UpdateState(0, 11, None, None, None),  # a pts alone keeps qts, date and seq
        [UpdateState(-1001, 7, None, 900, None), UpdateState(-1002, 3, None, None, None)],
        UpdateState(0, None, None, 1_100, 6),
    ]
    try:
        for call in calls:
            await reference.set_update_state(call)
            await ours.set_update_state(call)
            for ids in (None, 0, [-1001, -1002], [], [42]):
                assert await ours.get_update_states(ids) == await reference.get_update_states(ids)
        await reference.delete_update_state(-1001)  # type: ignore[no-untyped-call]
        await ours.delete_update_state(-1001)
        await reference.delete_update_state([0, 42])  # type: ignore[no-untyped-call]
        await ours.delete_update_state([0, 42])
        assert await ours.get_update_states() == await reference.get_update_states()
        assert await ours.get_update_states() == [UpdateState(-1002, 3, None, None, None)]
    finally:
        await reference.close()  # type: ignore[no-untyped-call]
        await ours.close()  # type: ignore[no-untyped-call]
