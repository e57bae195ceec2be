"""How broadcasts read: the live progress message, audiences, durations, history lines.

Pure functions of data (no I/O), shared by the handlers and the broadcast sender, which
edits the progress message. Buttons are made by a `ButtonMaker` (callback data signed
for the user who will press them).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pyrogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import ROW_ID, Action
from bot.language import Language
from bot.texts import text
from models.broadcasts import (
    CANCELLED,
    FAILED,
    FINISHED,
    PAUSED,
    RUNNING,
    Audience,
    Broadcast,
)

ButtonMaker = Callable[..., str]  # (action, *args) -> signed callback data

BAR_WIDTH = 10
PAUSE = Action("bc.pause", ROW_ID)  # broadcast id
RESUME = Action("bc.resume", ROW_ID)
CANCEL = Action("bc.cancel", ROW_ID)
LANGUAGE_NAMES = {"ru": "RU", "en": "EN"}


@dataclass(frozen=True)
class Snapshot:
    """A broadcast's state as the progress message shows it."""

    broadcast_id: int
    status: str
    total: int
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    queueing: bool = False
    rate: float | None = None  # messages a second, lately
    flood_wait: float = 0.0  # seconds left of a flood wait
    took: float | None = None  # seconds, once ended
    error: str | None = None

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed

    @property
    def pending(self) -> int:
        return max(0, self.total - self.done)

    @classmethod
    def of(cls, broadcast: Broadcast, **live: object) -> Snapshot:
        took = None
        if broadcast.finished_at is not None and broadcast.started_at is not None:
            took = (broadcast.finished_at - broadcast.started_at).total_seconds()
        values: dict[str, object] = {
            "broadcast_id": int(broadcast.id),
            "status": str(broadcast.status),
            "total": int(broadcast.total),
            "sent": int(broadcast.sent),
            "blocked": int(broadcast.blocked),
            "failed": int(broadcast.failed),
            "queueing": broadcast.queued_at is None and broadcast.status == RUNNING,
            "took": took,
            "error": broadcast.error,
        }
        values.update(live)
        return cls(**values)  # type: ignore[arg-type]


def duration(seconds: float, language: Language) -> str:
    total = max(0, round(seconds))
    if total < 60:
        return text("broadcast.seconds", language, n=total)
    if total < 3600:
        return text("broadcast.minutes", language, m=total // 60, s=total % 60)
    return text("broadcast.hours", language, h=total // 3600, m=total % 3600 // 60)


def progress_bar(done: int, total: int) -> tuple[str, int]:
    fraction = 0.0 if total <= 0 else min(1.0, done / total)
    filled = math.floor(fraction * BAR_WIDTH)
    return "▓" * filled + "░" * (BAR_WIDTH - filled), math.floor(fraction * 100)


def state_text(snapshot: Snapshot, language: Language) -> str:
    if snapshot.status == RUNNING:
        if snapshot.queueing:
            return text("broadcast.state_queueing", language, queued=snapshot.total)
        if snapshot.flood_wait > 0:
            return text("broadcast.state_flood", language, seconds=math.ceil(snapshot.flood_wait))
        return text("broadcast.state_running", language)
    return text(f"broadcast.state_{snapshot.status}", language)


def progress_text(snapshot: Snapshot, language: Language) -> str:
    bar, percent = progress_bar(snapshot.done, snapshot.total)
    lines = [
        text(
            "broadcast.progress",
            language,
            id=snapshot.broadcast_id,
            state=state_text(snapshot, language),
            bar=bar,
            percent=percent,
            sent=snapshot.sent,
            blocked=snapshot.blocked,
            failed=snapshot.failed,
            pending=snapshot.pending,
            total=snapshot.total,
        )
    ]
    if snapshot.status == RUNNING and snapshot.rate and not snapshot.queueing:
        eta = duration(snapshot.pending / snapshot.rate, language)
        lines.append(
            text("broadcast.progress_speed", language, rate=f"{snapshot.rate:.1f}", eta=eta)
        )
    if snapshot.status in (FINISHED, CANCELLED, FAILED) and snapshot.took is not None:
        lines.append(
            text("broadcast.progress_took", language, duration=duration(snapshot.took, language))
        )
    if snapshot.status == FAILED and snapshot.error:
        lines.append(text("broadcast.progress_error", language, error=snapshot.error))
    return "\n".join(lines)


def progress_keyboard(
    snapshot: Snapshot, language: Language, button: ButtonMaker
) -> InlineKeyboardMarkup | None:
    broadcast_id = snapshot.broadcast_id
    if snapshot.status == RUNNING:
        first = InlineKeyboardButton(
            text("broadcast.pause", language), callback_data=button(PAUSE, broadcast_id)
        )
    elif snapshot.status == PAUSED:
        first = InlineKeyboardButton(
            text("broadcast.resume", language), callback_data=button(RESUME, broadcast_id)
        )
    else:
        return None
    cancel = InlineKeyboardButton(
        text("broadcast.cancel", language), callback_data=button(CANCEL, broadcast_id)
    )
    return InlineKeyboardMarkup([[first], [cancel]])


def audience_text(audience: Audience, language: Language) -> str:
    if audience.is_everyone:
        return text("broadcast.everyone", language)
    parts = []
    if audience.active_days is not None:
        parts.append(text("broadcast.seg_days", language, days=audience.active_days))
    if audience.has_ordered:
        parts.append(text("broadcast.seg_ordered", language))
    if audience.language is not None:
        name = LANGUAGE_NAMES.get(audience.language, audience.language)
        parts.append(text("broadcast.seg_language", language, lang=name))
    return ", ".join(parts)


def when(moment: datetime | None, language: Language) -> str:
    if moment is None:
        return text("broadcast.never", language)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def history_item(broadcast: Broadcast, author: str, language: Language) -> str:
    snapshot = Snapshot.of(broadcast)
    item = text(
        "broadcast.history_item",
        language,
        id=snapshot.broadcast_id,
        status=text(f"broadcast.status_{snapshot.status}", language),
        author=author,
        created=when(broadcast.created_at, language),
        started=when(broadcast.started_at, language),
        finished=when(broadcast.finished_at, language),
        audience=audience_text(Audience.from_json(broadcast.audience), language),
        total=snapshot.total,
        sent=snapshot.sent,
        blocked=snapshot.blocked,
        failed=snapshot.failed,
        pending=snapshot.pending,
    )
    if snapshot.status == FINISHED and snapshot.took is not None:
        item += "\n" + text(
            "broadcast.history_took", language, duration=duration(snapshot.took, language)
        )
    if snapshot.status == FAILED and snapshot.error:
        item += "\n" + text("broadcast.progress_error", language, error=snapshot.error)
    return item
