"""Acting as a persona: send a text, press a button, pay an invoice.

Each goes through the persona's `SimulatedUser`, as a Telegram app would send it, and
answers once the bot has handled it (the page learns of the bot's replies from the
event stream). Errors: 404 an unknown persona, message or button; 410 a button of a
deleted message; 409 a reply keyboard no longer shown, an invoice paid already or one
the fake no longer knows; 400 a link button or a message that is no invoice; 413 a
text over Telegram's 4096 characters; 504 a bot that did not handle it in time. The
fake's state is unchanged by a refused request.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from fake_telegram import BotMessage, KeyboardGone, MessageGone
from fake_telegram.state import CallbackQueryRecord
from sandbox.web.bodies import int_field, json_object, text_field
from sandbox.web.messages import paid_invoices
from sandbox.world import SandboxWorld

#: Telegram's limit on a message's text.
TEXT_LIMIT = 4096


def answer_json(query: CallbackQueryRecord | None) -> dict[str, object] | None:
    """The bot's answer to a button press: a toast, or an alert box when `alert`."""
    if query is None or not query.answered or not query.answer_text:
        return None
    return {"text": query.answer_text, "alert": query.alert}


def action_routes(world: SandboxWorld) -> list[Route]:
    async def send(request: Request) -> JSONResponse:
        person = world.person(request.path_params["user_id"])
        text = text_field(await json_object(request), "text").strip()
        if not text:
            raise HTTPException(400, "'text' is empty")
        if len(text) > TEXT_LIMIT:
            raise HTTPException(413, f"a message is at most {TEXT_LIMIT} characters")
        await person.send(text)
        return JSONResponse({"ok": True})

    async def press(request: Request) -> JSONResponse:
        person = world.person(request.path_params["user_id"])
        body = await json_object(request)
        message_id = int_field(body, "message_id")
        row, column = int_field(body, "row"), int_field(body, "column")
        try:
            _button, query = await person.press_at(message_id, row, column)
        except MessageGone as gone:
            raise HTTPException(410, str(gone)) from None
        except KeyboardGone as gone:
            raise HTTPException(409, str(gone)) from None
        except LookupError as missing:
            raise HTTPException(404, str(missing)) from None
        except (ValueError, NotImplementedError) as refused:
            raise HTTPException(400, str(refused)) from None
        return JSONResponse({"ok": True, "answer": answer_json(query)})

    async def pay(request: Request) -> JSONResponse:
        person = world.person(request.path_params["user_id"])
        message_id = int_field(await json_object(request), "message_id")
        stored = world.telegram.world.find_message(world.bot_id, person.id, message_id)
        if stored is None or stored.sender_id != world.bot_id:
            raise HTTPException(404, f"the bot sent this persona no message {message_id}")
        if stored.deleted:
            raise HTTPException(410, f"message {message_id} was deleted")
        invoice = BotMessage(stored, world.telegram.world)
        if invoice.media_kind != "invoice":
            raise HTTPException(400, f"message {message_id} is not an invoice")
        chat = world.telegram.world.messages_of(world.bot_id, person.id)
        if message_id in paid_invoices(chat):
            raise HTTPException(409, f"invoice {message_id} is paid already")
        try:
            payment = await person.pay(invoice)
        except ValueError as unknown:  # an invoice from before a restart of the sandbox
            raise HTTPException(409, str(unknown)) from None
        return JSONResponse({"ok": True, "accepted": payment.accepted, "error": payment.error})

    return [
        Route("/api/personas/{user_id:int}/messages", send, methods=["POST"]),
        Route("/api/personas/{user_id:int}/press", press, methods=["POST"]),
        Route("/api/personas/{user_id:int}/pay", pay, methods=["POST"]),
    ]
