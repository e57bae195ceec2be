"""A move asked in a conversation (a cancel with its reason, a shipment with its
tracking number), sent to the order processor for the card the admin pressed."""

from __future__ import annotations

from bot.commands import SetOrderStatus
from bot.context import Request
from bot.screens import send_screen
from models.conversations import Conversation
from models.order_history import MoveNote


def card_data(order_id: int, chat_id: int, message_id: int) -> dict[str, int]:
    """What a move's conversation keeps: the order and the card pressed."""
    return {"order": order_id, "chat": chat_id, "message": message_id}


async def send_move(
    request: Request, conversation: Conversation, status: str, note: MoveNote, *, say: bool = True
) -> None:
    """Ask the processor for the move (it checks the role and the status again, and
    edits every card of the order), and say so (`say`: a press says so with its answer)."""
    order_id = conversation.integer("order") or 0
    chat_id = conversation.integer("chat") or request.user_id
    message_id = conversation.integer("message") or 0
    await request.deps.orders.send(
        SetOrderStatus(order_id, status, request.user_id, chat_id, message_id, note)
    )
    if say:
        await send_screen(request, request.t("aord.asked", number=order_id))
