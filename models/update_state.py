"""Where the bot is in Telegram's update stream, kept so that kill -9 loses no update.

Invariants: `update_state.pts` only ever names a point up to which every update has
been HANDLED (not merely received), so `updates.getDifference` from it after a crash
returns everything that was still in memory. Updates handled past that point are kept by
key in `handled_updates`, so the same difference does not handle them twice; a key is
forgotten once the state has moved past its position (getDifference will not return it
again). Keys are `<bot id>:<kind>:<id>` (see actors/updates/gate.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from piccolo.columns import BigInt, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow
from runtime.db_raw import fetch_rows
from runtime.db_transaction import atomic


class UpdateState(Table, tablename="update_state"):
    id = Serial(primary_key=True)
    bot_id = BigInt(unique=True)
    pts = BigInt()
    qts = BigInt()
    date = BigInt()
    seq = BigInt()
    updated_at = Timestamptz(null=True, default=None)


class HandledUpdate(Table, tablename="handled_updates"):
    id = Serial(primary_key=True)
    key = Varchar(length=64, unique=True)
    bot_id = BigInt(index=True)
    position = BigInt()
    handled_at = Timestamptz(null=True, default=None)


@dataclass(frozen=True)
class StreamState:
    """Telegram's `updates.State` as the bot keeps it."""

    pts: int
    qts: int
    date: int
    seq: int


@dataclass(frozen=True)
class HandledKey:
    """An update handled past the stored pts. `position`: its pts, or for an update
    that carries none (a query), the pts of the last message before it."""

    key: str
    position: int


async def get_update_state(bot_id: int) -> StreamState | None:
    """The stored state, or None before the bot's first start."""
    row = await UpdateState.select().where(UpdateState.bot_id == bot_id).first()
    if row is None:
        return None
    return StreamState(int(row["pts"]), int(row["qts"]), int(row["date"]), int(row["seq"]))


async def list_handled_keys(bot_id: int) -> dict[str, int]:
    """The keys handled past the stored pts (without the bot id prefix), with positions."""
    rows = await HandledUpdate.select(HandledUpdate.key, HandledUpdate.position).where(
        HandledUpdate.bot_id == bot_id
    )
    prefix = f"{bot_id}:"
    return {str(row["key"]).removeprefix(prefix): int(row["position"]) for row in rows}


#: The stream's state saved (one row per bot), by the transaction and the one statement.
_SAVE_STATE = (
    "INSERT INTO update_state (bot_id, pts, qts, date, seq, updated_at)"
    " VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (bot_id) DO UPDATE SET"
    " pts = excluded.pts, qts = excluded.qts, date = excluded.date,"
    " seq = excluded.seq, updated_at = excluded.updated_at"
)


async def save_progress(
    bot_id: int, state: StreamState, handled: Sequence[HandledKey], *, moved: bool = True
) -> None:
    """In one transaction: the keys handled, the state, and the keys it made useless
    (an update at or before the state's pts is never returned by getDifference again).
    With `moved=False` (the state is the one stored already: a batch of callback
    queries, which carry no pts) only the keys are stored, in one statement."""
    now = utcnow()
    if not moved:
        if handled:
            await _insert_handled(bot_id, handled, now)
        return
    if UpdateState._meta.db.engine_type == "postgres":
        await _save_moved_in_one_statement(bot_id, state, handled, now)
        return
    async with atomic(UpdateState._meta.db):
        await fetch_rows(
            UpdateState,
            _SAVE_STATE,
            bot_id,
            state.pts,
            state.qts,
            state.date,
            state.seq,
            now,
        )
        if handled:
            await _insert_handled(bot_id, handled, now)
        await HandledUpdate.delete().where(
            (HandledUpdate.bot_id == bot_id) & (HandledUpdate.position < state.pts)
        )


async def _save_moved_in_one_statement(
    bot_id: int, state: StreamState, handled: Sequence[HandledKey], now: datetime
) -> None:
    """PostgreSQL: the state, the keys and the cleanup as one statement (atomic by
    itself: no BEGIN/COMMIT round trips). Its parts see one snapshot, so the keys the
    new state already covers (position < pts) are not inserted rather than inserted and
    deleted: the rows left are the same as the transaction's."""
    await fetch_rows(
        UpdateState,
        "WITH saved AS ("
        f" {_SAVE_STATE} RETURNING pts),"
        " kept AS ("
        " INSERT INTO handled_updates (key, bot_id, position, handled_at)"
        " SELECT k.key, {}, k.position, {}"
        " FROM unnest({}::varchar[], {}::bigint[]) AS k(key, position)"
        " WHERE k.position >= {} ON CONFLICT (key) DO NOTHING RETURNING id),"
        " forgotten AS ("
        " DELETE FROM handled_updates WHERE bot_id = {} AND position < {} RETURNING id)"
        " SELECT (SELECT count(*) FROM saved) AS saved",
        bot_id,
        state.pts,
        state.qts,
        state.date,
        state.seq,
        now,
        bot_id,
        now,
        [item.key for item in handled],
        [item.position for item in handled],
        state.pts,
        bot_id,
        state.pts,
    )


async def _insert_handled(bot_id: int, handled: Sequence[HandledKey], now: datetime) -> None:
    """The keys as one statement; a key stored already (or twice in `handled`) is kept
    once. On PostgreSQL the keys go as two arrays: one plain statement whatever their
    number, where Piccolo's insert builds a row object and parameters per key (a batch
    of button presses is stored this way, several times a second when busy)."""
    if HandledUpdate._meta.db.engine_type == "postgres":
        await fetch_rows(
            HandledUpdate,
            "INSERT INTO handled_updates (key, bot_id, position, handled_at)"
            " SELECT k.key, {}, k.position, {}"
            " FROM unnest({}::varchar[], {}::bigint[]) AS k(key, position)"
            " ON CONFLICT (key) DO NOTHING",
            bot_id,
            now,
            [item.key for item in handled],
            [item.position for item in handled],
        )
        return
    await _insert_handled_with_piccolo(bot_id, handled, now)


async def _insert_handled_with_piccolo(
    bot_id: int, handled: Sequence[HandledKey], now: datetime
) -> None:
    """The keys through Piccolo's insert builder (SQLite; on PostgreSQL until 2026-12-07,
    bench/handled_keys.py compares the two)."""
    await (
        HandledUpdate.insert(
            *(
                HandledUpdate(key=item.key, bot_id=bot_id, position=item.position, handled_at=now)
                for item in handled
            )
        )
        .on_conflict(target=HandledUpdate.key, action="DO NOTHING")
        .run()
    )
