"""Users: the upsert on every update, and the cheap activity touch."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from models.user_statuses import UserStatusCache
from models.users import (
    User,
    UserStatus,
    get_user,
    mark_bot_blocked,
    record_user,
    set_banned,
    set_language,
    set_phone,
    touch_last_active,
)
from runtime.database import DatabaseEngine
from tests.models.factories import count_users

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


async def test_record_user_inserts_then_updates_one_row(db: DatabaseEngine) -> None:
    await record_user(42, first_name="Ann", last_name=None, username="ann", language="ru")
    first = await get_user(42)
    assert first is not None
    assert (first.first_name, first.username, first.language) == ("Ann", "ann", "ru")
    assert first.last_name is None
    assert first.is_banned is False

    await set_phone(42, "+70000000000")
    await set_banned(UserStatusCache(), 42, True)
    await mark_bot_blocked(42)
    await User.update({User.last_active_at: LONG_AGO}).where(User.telegram_id == 42).run()

    await record_user(42, first_name="Anna", last_name="K", username=None, language="en")

    assert await count_users(42) == 1
    second = await get_user(42)
    assert second is not None
    assert second.id == first.id
    # The names follow Telegram; the language stays what the shop stored (the user may
    # have chosen it in the bot).
    assert (second.first_name, second.last_name, second.language) == ("Anna", "K", "ru")
    assert second.username is None
    assert second.created_at == first.created_at
    assert second.last_active_at > LONG_AGO
    # Kept: set by other flows. Cleared: a message means the bot is not blocked.
    assert second.phone == "+70000000000"
    assert second.is_banned is True
    assert second.bot_blocked_at is None


async def test_touch_last_active_moves_it_forward(db: DatabaseEngine) -> None:
    await record_user(7, first_name="B", last_name=None, username=None, language="en")
    await User.update({User.last_active_at: LONG_AGO}).where(User.telegram_id == 7).run()

    status = await touch_last_active(7)

    user = await get_user(7)
    assert user is not None
    assert user.last_active_at > LONG_AGO
    assert status == UserStatus(is_banned=False, language="en")
    assert await touch_last_active(999) is None  # an unknown user is not an error
    assert await get_user(999) is None


async def test_the_status_read_back_says_banned_and_the_chosen_language(
    db: DatabaseEngine,
) -> None:
    first = await record_user(8, first_name="D", last_name=None, username=None, language="ru")
    assert first == UserStatus(is_banned=False, language="ru")
    statuses = UserStatusCache()
    await set_language(statuses, 8, "en")
    await set_banned(statuses, 8, True)

    assert await touch_last_active(8) == UserStatus(is_banned=True, language="en")
    again = await record_user(8, first_name="D", last_name=None, username=None, language="ru")
    assert again == UserStatus(is_banned=True, language="en")


async def test_record_user_rejects_an_unsupported_language(db: DatabaseEngine) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        await record_user(1, first_name="C", last_name=None, username=None, language="de")
