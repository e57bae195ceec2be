"""Helpers for the broadcast tests: the app on a fake Telegram, users, the compose flow."""

# Polling the database is what these waits do (the database has no events to wait on).
# ruff: noqa: ASYNC109, ASYNC110

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

import anyio

from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from fake_telegram.state import StoredMessage
from models.broadcasts import Broadcast, get_broadcast
from models.clock import utcnow
from models.users import User

T = TypeVar("T")

FIRST_RECIPIENT = 2_000_000


async def add_users(tg: FakeTelegram | None, telegram_ids: Iterable[int], **fields: object) -> None:
    """Users the shop knows (rows in `users`) and, when `tg` is given, Telegram knows."""
    now = utcnow()
    rows = []
    for telegram_id in telegram_ids:
        if tg is not None:
            tg.user(telegram_id)
        values: dict[str, object] = {
            "telegram_id": telegram_id,
            "first_name": f"User{telegram_id}",
            "language": "ru",
            "last_active_at": now,
            "created_at": now,
        }
        values.update(fields)
        rows.append(User(**values))  # type: ignore[arg-type]
    for start in range(0, len(rows), 500):
        await User.insert(*rows[start : start + 500]).run()


def recipients(count: int, first: int = FIRST_RECIPIENT) -> list[int]:
    return list(range(first, first + count))


async def compose(
    admin: SimulatedUser,
    text: str,
    *,
    button: str | None = None,
    audience: Iterable[str] = (),
    confirm: bool = True,
) -> int:
    """Drive the composing conversation as a superadmin (English labels); returns the
    broadcast id once confirmed (or the draft's, unconfirmed)."""
    await admin.send("/superadmin")
    await admin.press("📣 Broadcast")
    await admin.press("✍️ New broadcast")
    await admin.send(text)
    if button is None:
        await admin.press("No button")
    else:
        await admin.send(button)
    for label in audience:
        await admin.press(label)
    await admin.press("Preview ▶️")
    rows = await Broadcast.select(Broadcast.id).where(Broadcast.author_id == admin.id).run()
    broadcast_id = int(max(row["id"] for row in rows))
    if confirm:
        await admin.press("✅ Send")
    return broadcast_id


async def wait_until(check: Callable[[], object], *, timeout: float, every: float = 0.05) -> None:
    with anyio.fail_after(timeout):
        while not check():
            await anyio.sleep(every)


async def wait_for_status(broadcast_id: int, *statuses: str, timeout: float) -> Broadcast:
    with anyio.fail_after(timeout):
        while True:
            broadcast = await get_broadcast(broadcast_id)
            if broadcast is not None and broadcast.status in statuses:
                return broadcast
            await anyio.sleep(0.1)


def received(tg: FakeTelegram, user_id: int, text: str) -> list[StoredMessage]:
    """Messages from the bot to `user_id` whose text is `text`."""
    return [
        m
        for m in tg.world.mailbox(tg.bot_id).chat(user_id)
        if m.outgoing and m.text == text and not m.deleted
    ]


def most_in_a_second(times: list[float]) -> int:
    """The most of `times` in any rolling second (as `FakeTelegram.max_in_window`)."""
    best = start = 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        best = max(best, end - start + 1)
    return best


def broadcast_sends(tg: FakeTelegram, text: str) -> list[float]:
    """Arrival times of the sends that carried `text`."""
    return [
        r.time
        for r in tg.requests_named("messages.SendMessage", "messages.SendMedia")
        if getattr(r.raw, "message", None) == text
    ]


def progress_of(admin: SimulatedUser, broadcast_id: int) -> BotMessage:
    """The live progress message of a broadcast, as its author sees it."""
    head = f"📣 Broadcast #{broadcast_id} — "
    return next(m for m in reversed(admin.messages) if m.text.startswith(head))
