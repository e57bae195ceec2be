"""Conversations of the back office, stored so they survive a restart of the bot.

One row per person (`telegram_id` unique): which conversation they are in (`kind`, e.g.
`product.new`), the step it is at and what was answered so far (`data`, JSON). Starting a
conversation replaces the one before; the step tables that drive them live with their
screens (`bot/admin/catalogue/conversation.py`). Shoppers' checkouts keep their own
table (`models.checkout`): this one holds only what admins type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from piccolo.columns import JSON, BigInt, Serial, Timestamptz, Varchar
from piccolo.table import Table

from models.clock import utcnow


class ConversationState(Table, tablename="conversations"):
    id = Serial(primary_key=True)
    telegram_id = BigInt(unique=True)
    kind = Varchar(length=32)
    step = Varchar(length=32)
    data = JSON(default="{}")
    updated_at = Timestamptz()


@dataclass(frozen=True)
class Conversation:
    """One person's conversation as stored: its kind, step and answers so far."""

    telegram_id: int
    kind: str
    step: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def moved(self, step: str, **answers: Any) -> Conversation:
        """The conversation at `step`, with `answers` added to its data."""
        return replace(self, step=step, data={**self.data, **answers})

    def integer(self, name: str) -> int | None:
        value = self.data.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


async def start_conversation(
    telegram_id: int, kind: str, step: str, data: Mapping[str, Any] | None = None
) -> Conversation:
    """Begin a conversation for the person, replacing any earlier one."""
    conversation = Conversation(telegram_id, kind, step, dict(data or {}))
    row = ConversationState(
        telegram_id=telegram_id,
        kind=kind,
        step=step,
        data=json.dumps(dict(conversation.data)),
        updated_at=utcnow(),
    )
    await (
        ConversationState.insert(row)
        .on_conflict(
            target=ConversationState.telegram_id,
            action="DO UPDATE",
            values=[
                ConversationState.kind,
                ConversationState.step,
                ConversationState.data,
                ConversationState.updated_at,
            ],
        )
        .run()
    )
    return conversation


async def get_conversation(telegram_id: int) -> Conversation | None:
    row = await (
        ConversationState.objects().where(ConversationState.telegram_id == telegram_id).first()
    )
    if row is None:
        return None
    parsed = json.loads(row.data) if isinstance(row.data, str) else row.data
    data = parsed if isinstance(parsed, dict) else {}
    return Conversation(int(row.telegram_id), str(row.kind), str(row.step), data)


async def save_conversation(conversation: Conversation) -> bool:
    """Store the step and data; False when the conversation is over (ended, or replaced
    by one of another kind)."""
    rows = await (
        ConversationState.update(
            {
                ConversationState.step: conversation.step,
                ConversationState.data: json.dumps(dict(conversation.data)),
                ConversationState.updated_at: utcnow(),
            }
        )
        .where(
            ConversationState.telegram_id == conversation.telegram_id,
            ConversationState.kind == conversation.kind,
        )
        .returning(ConversationState.id)
        .run()
    )
    return bool(rows)


async def end_conversation(telegram_id: int) -> bool:
    """Forget the person's conversation; False when there was none."""
    rows = await (
        ConversationState.delete()
        .where(ConversationState.telegram_id == telegram_id)
        .returning(ConversationState.id)
        .run()
    )
    return bool(rows)
