"""Sign-in tokens: stored hashed, good once even when two requests race with one link,
and not at or after their 5 minutes; a web user per Telegram admin, made once."""

from __future__ import annotations

from datetime import timedelta

import anyio

from models.clock import utcnow
from models.web_sign_in import (
    WebSignInToken,
    create_sign_in_token,
    get_or_create_web_user,
    redeem_sign_in_token,
    telegram_id_of,
    telegram_id_of_user,
)
from runtime.database import DatabaseEngine


async def test_two_racing_redeems_of_one_token_sign_in_once(db: DatabaseEngine) -> None:
    now = utcnow()
    token = await create_sign_in_token(42, now)
    results: list[int | None] = []

    async def redeem() -> None:
        results.append(await redeem_sign_in_token(token, now))

    async with anyio.create_task_group() as tasks:
        for _ in range(4):
            tasks.start_soon(redeem)
    assert sorted(results, key=lambda found: found is not None) == [None, None, None, 42]


async def test_a_token_is_good_until_just_before_5_minutes(db: DatabaseEngine) -> None:
    now = utcnow()
    late, early = await create_sign_in_token(1, now), await create_sign_in_token(2, now)
    assert await redeem_sign_in_token(late, now + timedelta(minutes=5)) is None
    assert await redeem_sign_in_token(early, now + timedelta(minutes=5) - timedelta(seconds=1)) == 2


async def test_long_expired_tokens_are_forgotten_when_a_new_one_is_made(db: DatabaseEngine) -> None:
    then = utcnow() - timedelta(hours=1)
    await create_sign_in_token(1, then)
    await create_sign_in_token(1, utcnow())
    assert await WebSignInToken.count().run() == 1


async def test_one_web_user_per_telegram_admin(db: DatabaseEngine) -> None:
    first = await get_or_create_web_user(77)
    assert await get_or_create_web_user(77) == first
    assert await get_or_create_web_user(78) != first
    assert await telegram_id_of_user(first) == 77
    assert telegram_id_of("admin") is None and telegram_id_of("telegram:x") is None
