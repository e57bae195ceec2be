"""The broadcast data layer on PostgreSQL and SQLite: audiences, queueing in pages,
outcomes counted once, drafts, the history."""

from __future__ import annotations

from datetime import timedelta

from models.broadcasts import (
    BLOCKED,
    DELIVERY_FAILED,
    DRAFT,
    FINISHED,
    PENDING,
    RUNNING,
    SENT,
    STEP_AUDIENCE,
    STEP_TEXT,
    Audience,
    Broadcast,
    BroadcastDelivery,
    Outcome,
    awaits_input,
    broadcasts_to_resume,
    confirm_broadcast,
    count_audience,
    create_broadcast,
    discard_draft,
    draft_of,
    finish_queueing,
    get_broadcast,
    history_page,
    next_pending,
    open_draft,
    queue_audience_page,
    record_outcomes,
    set_broadcast_status,
    update_draft,
)
from models.clock import utcnow
from models.orders import Order
from models.users import User, get_user
from runtime.database import DatabaseEngine
from tests.bot.superadmin.broadcasts.helpers import add_users


async def shop_users() -> dict[str, list[int]]:
    """Telegram ids by kind: reachable ones of several sorts, and unreachable ones."""
    now = utcnow()
    await add_users(None, [1, 2, 3], language="ru", last_active_at=now)
    await add_users(None, [4, 5], language="en", last_active_at=now - timedelta(days=10))
    await add_users(None, [6], language="en", last_active_at=now - timedelta(days=100))
    await add_users(None, [7], is_banned=True)
    await add_users(None, [8], bot_blocked_at=now)
    for telegram_id in (2, 5):
        user = await get_user(telegram_id)
        assert user is not None
        await Order.raw(
            "INSERT INTO orders (user_id, status, customer_name, phone, delivery_method,"
            " address, comment, total, currency, created_at, updated_at)"
            " VALUES ({}, 'new', 'A', '+7', 'pickup', '', '', 100, 'RUB', {}, {})",
            user.id,
            now,
            now,
        ).run()
    return {"reachable": [1, 2, 3, 4, 5, 6], "unreachable": [7, 8]}


async def queued_telegram_ids(broadcast_id: int) -> list[int]:
    rows = await (
        BroadcastDelivery.select(BroadcastDelivery.user.telegram_id.as_alias("t"))
        .where(BroadcastDelivery.broadcast == broadcast_id)
        .order_by(BroadcastDelivery.id)
        .run()
    )
    return [row["t"] for row in rows]


async def test_audiences_name_reachable_users_and_queue_in_pages(db: DatabaseEngine) -> None:
    await shop_users()
    cases = [
        (Audience(), [1, 2, 3, 4, 5, 6]),
        (Audience(language="en"), [4, 5, 6]),
        (Audience(active_days=30), [1, 2, 3, 4, 5]),
        (Audience(has_ordered=True), [2, 5]),
        (Audience(active_days=30, language="en", has_ordered=True), [5]),
    ]
    for audience, expected in cases:
        assert await count_audience(audience) == len(expected), audience
        broadcast_id = await create_broadcast(1, "Hi", audience=audience, status=RUNNING)
        pages = 0
        while await queue_audience_page(broadcast_id, audience, page=2) == 2:
            pages += 1
        assert await queue_audience_page(broadcast_id, audience, page=2) == 0  # resumable
        assert await finish_queueing(broadcast_id) == len(expected)
        assert await queued_telegram_ids(broadcast_id) == expected, audience
        broadcast = await get_broadcast(broadcast_id)
        assert broadcast is not None and broadcast.queued_at is not None
        assert broadcast.total == len(expected)
        assert Audience.from_json(broadcast.audience) == audience


async def test_outcomes_are_counted_once_and_blocked_users_are_marked(db: DatabaseEngine) -> None:
    await shop_users()
    broadcast_id = await create_broadcast(1, "Hi", audience=Audience(), status=RUNNING)
    await queue_audience_page(broadcast_id, Audience())
    await finish_queueing(broadcast_id)

    first = await next_pending(broadcast_id, limit=4)
    assert [r.telegram_id for r in first] == [1, 2, 3, 4]
    after = await next_pending(broadcast_id, limit=4, after=first[-1].delivery_id)
    assert [r.telegram_id for r in after] == [5, 6]  # keyset: the next page

    outcomes = [
        Outcome(first[0].delivery_id, 1, SENT),
        Outcome(first[1].delivery_id, 2, BLOCKED, "USER_IS_BLOCKED"),
        Outcome(first[2].delivery_id, 3, DELIVERY_FAILED, "PEER_ID_INVALID"),
        Outcome(first[3].delivery_id, 4, SENT),
    ]
    moved = await record_outcomes(broadcast_id, outcomes)
    assert moved == {SENT: 2, BLOCKED: 1, DELIVERY_FAILED: 1}
    assert await record_outcomes(broadcast_id, outcomes) == {}  # once
    broadcast = await get_broadcast(broadcast_id)
    assert broadcast is not None
    assert (broadcast.sent, broadcast.blocked, broadcast.failed) == (2, 1, 1)
    blocked = await get_user(2)
    assert blocked is not None and blocked.bot_blocked_at is not None
    assert [r.telegram_id for r in await next_pending(broadcast_id)] == [5, 6]
    errors = await (
        BroadcastDelivery.select(BroadcastDelivery.status, BroadcastDelivery.error)
        .where(BroadcastDelivery.broadcast == broadcast_id)
        .order_by(BroadcastDelivery.id)
        .run()
    )
    assert [(row["status"], row["error"]) for row in errors] == [
        (SENT, None),
        (BLOCKED, "USER_IS_BLOCKED"),
        (DELIVERY_FAILED, "PEER_ID_INVALID"),
        (SENT, None),
        (PENDING, None),
        (PENDING, None),
    ]
    assert await count_audience(Audience()) == 5  # the blocked one is skipped from now on


async def test_a_draft_is_one_per_author_confirmed_once_and_only_then_resumable(
    db: DatabaseEngine,
) -> None:
    await open_draft(42)
    second = await open_draft(42)  # a new draft replaces the old one
    assert await Broadcast.count().where(Broadcast.author_id == 42) == 1
    draft = await draft_of(42)
    assert draft is not None and draft.id == second and draft.compose_step == STEP_TEXT
    assert await awaits_input(42) and not await awaits_input(43)
    await update_draft(second, text="<b>Hi</b>", compose_step=STEP_AUDIENCE)
    await update_draft(second, audience=Audience(language="en"))
    assert await broadcasts_to_resume() == []

    assert await confirm_broadcast(second, 42, progress_chat_id=42, progress_message_id=7)
    assert not await confirm_broadcast(second, 42, progress_chat_id=42, progress_message_id=7)
    confirmed = await get_broadcast(second)
    assert confirmed is not None and confirmed.status == RUNNING
    assert confirmed.started_at is not None and confirmed.progress_message_id == 7
    assert await draft_of(42) is None and not await awaits_input(42)
    assert await broadcasts_to_resume() == [second]
    assert not await discard_draft(second, 42)  # confirmed: not a draft any more

    assert await set_broadcast_status(second, FINISHED, only_from=[RUNNING])
    assert not await set_broadcast_status(second, RUNNING, only_from=["paused"])
    ended = await get_broadcast(second)
    assert ended is not None and ended.status == FINISHED and ended.finished_at is not None

    third = await open_draft(42)
    assert await discard_draft(third, 42)
    page, total = await history_page(0, 10)
    assert [b.id for b in page] == [second] and total == 1  # drafts are not history
    assert all(b.status != DRAFT for b in page)


async def test_history_is_newest_first_and_paged(db: DatabaseEngine) -> None:
    ids = [await create_broadcast(1, f"#{n}", audience={}, status=RUNNING) for n in range(7)]
    page, total = await history_page(0, 5)
    assert total == 7 and [b.id for b in page] == ids[::-1][:5]
    page, _ = await history_page(5, 5)
    assert [b.id for b in page] == ids[1::-1]
    assert await User.count() == 0
