"""The per-process cache of bans and languages: bounded, and never keeps a stale read."""

from __future__ import annotations

import pytest

from models.user_statuses import UserStatusCache
from models.users import UserStatus, record_user, set_banned, set_language, touch_last_active
from runtime.database import DatabaseEngine

SHOPPER = UserStatus(is_banned=False, language="ru")


def test_a_read_that_raced_a_write_is_not_kept() -> None:
    cache = UserStatusCache()
    generation = cache.generation()  # a read of user 1 starts...
    cache.forget(1)  # ...a ban is written meanwhile...
    cache.put(1, SHOPPER, generation)  # ...and the read, older than the ban, comes back
    assert cache.get(1) is None


def test_the_least_recently_used_user_is_forgotten_first() -> None:
    cache = UserStatusCache(max_users=2)
    cache.put(1, SHOPPER, cache.generation())
    cache.put(2, SHOPPER, cache.generation())
    assert cache.get(1) == SHOPPER  # 1 used again: 2 is now the oldest
    cache.put(3, SHOPPER, cache.generation())
    assert (cache.get(1), cache.get(2), cache.get(3)) == (SHOPPER, None, SHOPPER)
    with pytest.raises(ValueError):
        UserStatusCache(max_users=0)


def test_an_entry_is_read_again_after_its_ttl() -> None:
    now = [0.0]
    cache = UserStatusCache(ttl=600.0, clock=lambda: now[0])
    cache.put(1, SHOPPER, cache.generation())
    now[0] = 599.0
    assert cache.get(1) == SHOPPER
    now[0] = 600.0
    assert cache.get(1) is None  # a write that bypassed the writers is seen by now


async def test_the_writers_of_ban_and_language_forget_the_user(db: DatabaseEngine) -> None:
    cache = UserStatusCache()
    await record_user(5, first_name="E", last_name=None, username=None, language="ru")
    status = await touch_last_active(5)
    assert status == SHOPPER
    cache.put(5, status, cache.generation())

    await set_banned(cache, 5, True)
    assert cache.get(5) is None
    cache.put(5, SHOPPER, cache.generation())
    await set_language(cache, 5, "en")
    assert cache.get(5) is None
    assert await touch_last_active(5) == UserStatus(is_banned=True, language="en")
