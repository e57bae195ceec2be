"""The update reader notes each sender's access hash: stored when new or changed, not
written again for every update, never from a "min" user."""

from __future__ import annotations

from pyrogram.raw.types.user import User as RawUser
from pyrogram.types import User

from actors.updates.access_hashes import AccessHashes
from models.users import get_access_hash, record_user
from runtime.database import DatabaseEngine


def sender(telegram_id: int, access_hash: int, *, min_user: bool = False) -> User:
    raw = RawUser(id=telegram_id, access_hash=access_hash, min=min_user or None)
    return User(id=telegram_id, first_name="Ann", raw=raw)


async def test_a_hash_is_written_once_then_again_only_when_it_changes(db: DatabaseEngine) -> None:
    await record_user(42, first_name="Ann", last_name=None, username=None, language="ru")
    hashes = AccessHashes()

    for _ in range(3):
        await hashes.note(sender(42, 1111))
    assert await get_access_hash(42) == 1111
    assert hashes.saved == 1

    await hashes.note(sender(42, 2222))
    assert await get_access_hash(42) == 2222
    assert hashes.saved == 2


async def test_min_users_and_unrecorded_users_store_nothing(db: DatabaseEngine) -> None:
    await record_user(42, first_name="Ann", last_name=None, username=None, language="ru")
    hashes = AccessHashes()

    await hashes.note(sender(42, 1111, min_user=True))
    await hashes.note(sender(43, 3333))  # not in `users`: remembered only once stored
    await record_user(43, first_name="Bo", last_name=None, username=None, language="ru")
    await hashes.note(sender(43, 3333))

    assert await get_access_hash(42) is None
    assert await get_access_hash(43) == 3333
    assert hashes.saved == 1


async def test_the_memo_is_bounded(db: DatabaseEngine) -> None:
    hashes = AccessHashes(memo_size=2)
    for telegram_id in (1, 2, 3):
        await record_user(telegram_id, first_name="U", last_name=None, username=None, language="ru")
        await hashes.note(sender(telegram_id, 10 + telegram_id))
    await hashes.note(sender(1, 11))  # forgotten: written again

    assert hashes.saved == 4
