"""The back office's conversations (catalogue, order desk, customers, admins):
`{step: Step(ask, read, skip)}` tables, one per kind, driven from a stored state
(`models.conversations`), so a restart resumes them.

A message is routed here only when its sender has a stored conversation; the filter
reads it once and hands it to the handler (`_current`), which dispatches on (kind,
step). `read` turns the message into the next state (stored, then its step asked),
a text key saying why not (the step is asked again under that note, nothing stored),
or `DONE` (the step finished the work and showed what comes next). `ask` is safe to
call again. Cancel (a button under every question) and `/admin` leave; a step with a
`skip` offers a Skip (or Done) button. Routed after superadmin's and checkout's
messages (bot/routes.py), and shoppers have no row here: nothing of theirs is taken.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

from pyrogram import filters
from pyrogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.admin.actions import CANCEL, SKIP
from bot.callbacks import Callback
from bot.context import Request
from bot.keyboards import button, keyboard
from bot.router import Router
from bot.screens import send_screen
from models.conversations import (
    Conversation,
    end_conversation,
    get_conversation,
    save_conversation,
    start_conversation,
)


class _Done:
    """The step finished the conversation itself."""


DONE: Final = _Done()
Outcome = Conversation | str | _Done
Ask = Callable[[Request, Conversation, str], Awaitable[None]]
Read = Callable[[Request, Conversation, Message], Awaitable[Outcome]]
Skip = Callable[[Request, Conversation], Awaitable[Outcome]]


@dataclass(frozen=True)
class Step:
    ask: Ask  # (request, conversation, note): the question, under `note` when not ""
    read: Read
    skip: Skip | None = None
    skip_label: str = "acat.skip"


KINDS: dict[str, Mapping[str, Step]] = {}


def define(kind: str, steps: Mapping[str, Step]) -> None:
    """Declare a kind of conversation (each module declares its own at import)."""
    if kind in KINDS:
        raise ValueError(f"conversation {kind!r} defined twice")
    KINDS[kind] = steps


def question_markup(request: Request, conversation: Conversation) -> InlineKeyboardMarkup:
    """Skip (when the step has one) and Cancel, under a question."""
    step = KINDS[conversation.kind][conversation.step]
    skip = [button(request, request.t(step.skip_label), SKIP, conversation.step)]
    return keyboard(
        skip if step.skip is not None else [],
        [button(request, request.t("acat.cancel"), CANCEL)],
    )


async def ask_question(
    request: Request, conversation: Conversation, key: str, note: str = "", **values: object
) -> None:
    """Send the question `key` (under `note`) with the step's buttons."""
    question = request.t(key, **values)
    text = f"{note}\n\n{question}" if note else question
    await send_screen(request, text, question_markup(request, conversation))


async def begin(request: Request, kind: str, step: str, **data: object) -> None:
    """Start a conversation (replacing any other) and ask its first question."""
    conversation = await start_conversation(request.user_id, kind, step, data)
    await KINDS[kind][step].ask(request, conversation, "")


async def _advance(request: Request, before: Conversation, outcome: Outcome) -> None:
    if isinstance(outcome, _Done):
        await end_conversation(request.user_id)
    elif isinstance(outcome, str):
        await KINDS[before.kind][before.step].ask(request, before, request.t(outcome))
    elif await save_conversation(outcome):
        await KINDS[outcome.kind][outcome.step].ask(request, outcome, "")


# -- messages --------------------------------------------------------------------------

#: The conversation the filter read for the message being handled (same task).
_current: ContextVar[tuple[int, Conversation] | None] = ContextVar("_current", default=None)


async def _in_conversation(_filter: object, _client: object, message: Message) -> bool:
    user = message.from_user
    if user is None:
        return False
    conversation = await get_conversation(user.id)
    _current.set((message.id, conversation) if conversation is not None else None)
    return conversation is not None


in_conversation = filters.create(_in_conversation, "in_admin_conversation")
#: A typed answer; `in_conversation` (a query) is asked only for an admin.
answers = filters.private & (filters.text | filters.photo) & ~filters.regex(r"^/")


async def handle_answer(request: Request, message: Message) -> None:
    current = _current.get()
    if current is not None and current[0] == message.id:
        conversation: Conversation | None = current[1]
    else:
        conversation = await get_conversation(request.user_id)
    if conversation is None:
        return
    step = KINDS.get(conversation.kind, {}).get(conversation.step)
    if step is None:  # a kind or step this version no longer has
        await end_conversation(request.user_id)
        await message.reply_text(request.t("acat.lost"))
        return
    await _advance(request, conversation, await step.read(request, conversation, message))


# -- buttons ---------------------------------------------------------------------------


async def cancel(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await end_conversation(request.user_id)
    await query.answer(request.t("acat.cancelled"))
    await send_screen(request, request.t("acat.cancelled"))


async def skip(request: Request, query: CallbackQuery, callback: Callback) -> None:
    conversation = await get_conversation(request.user_id)
    step = None
    if conversation is not None and conversation.step == callback.text(0):
        step = KINDS.get(conversation.kind, {}).get(conversation.step)
    if conversation is None or step is None or step.skip is None:
        await query.answer(request.t("stale_button"))
        return
    await query.answer()
    await _advance(request, conversation, await step.skip(request, conversation))


def register(router: Router) -> None:
    router.on_message(handle_answer, answers, lookup=in_conversation)
    router.on_callback(CANCEL, cancel)
    router.on_callback(SKIP, skip)
