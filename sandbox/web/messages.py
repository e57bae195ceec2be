"""The fake's stored messages as the JSON the web chat's page draws.

One dict per message still shown (deleted ones are gone, edits applied): who sent it,
when, its text as safe HTML, its media (file bytes by URL from `media_routes`), its
album (`grouped_id`: the page puts consecutive ones in one bubble) and its inline
buttons. Big ids (files) are strings: JavaScript numbers lose digits above 2**53.
"""

from __future__ import annotations

from typing import Any

from fake_telegram import BotMessage, Button
from fake_telegram.state import StoredMessage, World
from sandbox.web.entities import to_html

Json = dict[str, Any]

#: An inline button that is neither a callback nor a link, on an invoice, pays it.
PAY = "pay"


def amount(total: int, currency: str) -> str:
    """`total` in the currency's smallest units, as people read it ("19.90 RUB")."""
    if currency == "XTR":
        return f"{total} ⭐"
    return f"{total / 100:.2f} {currency}"


def _media(message: BotMessage) -> Json | None:
    media = message.stored.media
    kind = message.media_kind
    if kind is None:
        return None
    if kind in ("photo", "document"):
        stored = message.file
        if stored is None:
            return {"kind": kind, "url": None}
        return {
            "kind": kind,
            "url": f"api/files/{stored.id}",
            "name": stored.name,
            "width": stored.width,
            "height": stored.height,
        }
    if kind == "contact":
        return {"kind": kind, "phone": str(getattr(media, "phone_number", ""))}
    if kind == "invoice":
        return {
            "kind": kind,
            "title": str(getattr(media, "title", "")),
            "description": str(getattr(media, "description", "")),
            "amount": amount(
                int(getattr(media, "total_amount", 0)), str(getattr(media, "currency", ""))
            ),
            "test": bool(getattr(media, "test", False)),
        }
    return {"kind": kind}


def _button(button: Button, invoice: bool) -> Json:
    kind = button.kind
    if invoice and kind not in ("callback", "url"):
        kind = PAY
    return {"label": button.label, "kind": kind, "url": button.url}


def _service(stored: StoredMessage) -> str | None:
    action = stored.action
    if action is None:
        return None
    if type(action).__name__ == "MessageActionPaymentSentMe":
        total = amount(
            int(getattr(action, "total_amount", 0)), str(getattr(action, "currency", ""))
        )
        return f"💳 Paid {total}"
    return type(action).__name__.removeprefix("MessageAction")


def _sender(stored: StoredMessage, bot_id: int) -> str:
    """ "channel" for a channel's post (whoever wrote it), "bot" or "me" in a private chat."""
    if stored.chat_id < 0:
        return "channel"
    return "bot" if stored.sender_id == bot_id else "me"


def paid_invoices(messages: list[StoredMessage]) -> set[int]:
    """Ids of the invoices paid: a payment's service message replies to its invoice."""
    return {
        m.reply_to_message_id
        for m in messages
        if m.reply_to_message_id is not None
        and type(m.action).__name__ == "MessageActionPaymentSentMe"
    }


def message_json(stored: StoredMessage, world: World, *, bot_id: int, paid: bool = False) -> Json:
    """One message as the page draws it (`paid`: an invoice already paid, no Pay button)."""
    message = BotMessage(stored, world)
    invoice = message.media_kind == "invoice"
    inline = message.has_inline_keyboard
    rows = [[_button(b, invoice) for b in row] for row in message.button_rows] if inline else []
    if paid:
        rows = [kept for kept in ([b for b in row if b["kind"] != PAY] for row in rows) if kept]
    return {
        "id": stored.id,
        "from": _sender(stored, bot_id),
        "date": stored.date,
        "edited": bool(stored.edits),
        "html": to_html(stored.text, stored.entities),
        "media": _media(message),
        "album": stored.grouped_id,
        "service": _service(stored),
        "buttons": rows,
        "pay": invoice and not inline and not paid,
        "paid": invoice and paid,
    }


def chat_json(messages: list[StoredMessage], world: World, *, bot_id: int) -> list[Json]:
    """The messages still shown, in order."""
    paid = paid_invoices(messages)
    return [
        message_json(m, world, bot_id=bot_id, paid=m.id in paid) for m in messages if not m.deleted
    ]


def reply_keyboard_json(message: BotMessage | None) -> Json | None:
    """The reply keyboard a persona sees under the input field, if any."""
    if message is None:
        return None
    return {
        "message_id": message.id,
        "rows": [[_button(b, False) for b in row] for row in message.button_rows],
    }
