"""`last_active_at` is written at most once a minute per user, in batches."""

from __future__ import annotations

from datetime import UTC, datetime

from models.user_activity import BATCH, UserActivity
from models.users import User, record_user
from runtime.database import DatabaseEngine

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def last_active(telegram_id: int) -> datetime:
    row = await User.select(User.last_active_at).where(User.telegram_id == telegram_id).first()
    assert row is not None
    value: datetime = row["last_active_at"]
    return value


async def users(*telegram_ids: int) -> None:
    for telegram_id in telegram_ids:
        await record_user(telegram_id, first_name="U", last_name=None, username=None, language="ru")
    await User.update({User.last_active_at: LONG_AGO}).where(
        User.telegram_id.is_in(list(telegram_ids))
    )


async def test_each_user_is_written_once_a_minute_in_one_batch(db: DatabaseEngine) -> None:
    await users(1, 2, 3)
    clock = Clock()
    activity = UserActivity(every=60.0, clock=clock)
    for _ in range(5):  # many updates from the same users within the minute
        activity.seen(1)
        activity.seen(2)
    assert activity.pending() == 2
    assert await activity.flush() == 2
    assert await last_active(1) > LONG_AGO
    assert await last_active(2) > LONG_AGO
    assert await last_active(3) == LONG_AGO  # not seen

    await User.update({User.last_active_at: LONG_AGO}).where(User.telegram_id == 1)
    clock.now += 59
    activity.seen(1)
    assert await activity.flush() == 0  # written less than a minute ago
    assert await last_active(1) == LONG_AGO

    clock.now += 1
    activity.seen(1)
    assert await activity.flush() == 1
    assert await last_active(1) > LONG_AGO


async def test_a_user_just_written_by_the_status_read_is_not_queued(db: DatabaseEngine) -> None:
    await users(4)
    activity = UserActivity(every=60.0, clock=Clock())
    activity.wrote(4)  # the reader's status read moved it already
    activity.seen(4)
    assert activity.pending() == 0


async def test_a_large_batch_is_written_in_chunks(db: DatabaseEngine) -> None:
    ids = list(range(10_000, 10_000 + BATCH + 5))
    await users(*ids[:3], ids[-1])
    activity = UserActivity(every=60.0, clock=Clock())
    for telegram_id in ids:
        activity.seen(telegram_id)
    assert await activity.flush() == len(ids)  # unknown ids are simply not there
    assert await last_active(ids[0]) > LONG_AGO
    assert await last_active(ids[-1]) > LONG_AGO
    assert activity.pending() == 0
