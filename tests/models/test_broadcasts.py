"""Broadcast progress: recipients queued once, each outcome counted once."""

from __future__ import annotations

from models.broadcasts import (
    BLOCKED,
    PENDING,
    RUNNING,
    SENT,
    create_broadcast,
    get_broadcast,
    next_pending,
    queue_recipients,
    record_delivery,
    set_broadcast_status,
)
from models.users import get_user
from runtime.database import DatabaseEngine
from tests.models.factories import make_user


async def test_progress_is_persisted_once_per_recipient(db: DatabaseEngine) -> None:
    users = [await make_user(telegram_id=5000 + n) for n in range(3)]
    broadcast_id = await create_broadcast(1, "Sale!", audience={"language": "ru"})

    assert await queue_recipients(broadcast_id, users[:2]) == 2
    assert await queue_recipients(broadcast_id, users) == 3  # re-queueing skips
    await set_broadcast_status(broadcast_id, RUNNING)

    pending = await next_pending(broadcast_id, limit=10)
    assert [r.user_id for r in pending] == users
    first = await get_user(5000)
    assert first is not None and pending[0].telegram_id == first.telegram_id

    assert await record_delivery(pending[0].delivery_id, SENT)
    assert not await record_delivery(pending[0].delivery_id, SENT)  # counted once
    assert await record_delivery(pending[1].delivery_id, BLOCKED, error="USER_IS_BLOCKED")

    assert [r.user_id for r in await next_pending(broadcast_id)] == users[2:]
    broadcast = await get_broadcast(broadcast_id)
    assert broadcast is not None
    assert (broadcast.total, broadcast.sent, broadcast.blocked, broadcast.failed) == (3, 1, 1, 0)
    assert broadcast.status == RUNNING and broadcast.started_at is not None
    assert PENDING == "pending"
