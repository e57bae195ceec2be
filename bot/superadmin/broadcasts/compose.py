"""Composing a broadcast: text (or photo + caption) -> optional URL button -> audience ->
preview and recipient count -> Confirm / Cancel.

The conversation lives in the database: the draft row and its `compose_step`. A restart
in the middle loses nothing, and Confirm is one guarded UPDATE (draft -> running), so a
confirmed broadcast is a row before anything is sent, and a double press sends once.
"""

from __future__ import annotations

import math

from pyrogram import Client, filters
from pyrogram.errors.rpc_error import RPCError
from pyrogram.parser.parser import Parser
from pyrogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import PAGE, ROW_ID, Action, Callback, Choice, Value
from bot.commands import StartBroadcast
from bot.context import Request
from bot.roles import Role
from bot.router import Router
from bot.screens import edit_pressed
from bot.superadmin.broadcasts.content import (
    BUTTON_TEXT_LIMIT,
    CAPTION_LIMIT,
    TEXT_LIMIT,
    prepare_content,
    utf16_length,
    valid_button_url,
)
from bot.superadmin.broadcasts.views import audience_text, duration
from models.broadcasts import (
    STEP_AUDIENCE,
    STEP_BUTTON,
    STEP_CONFIRM,
    STEP_TEXT,
    Audience,
    Broadcast,
    awaits_input,
    confirm_broadcast,
    count_audience,
    discard_draft,
    draft_of,
    open_draft,
    update_draft,
)

DAY_CHOICES = (7, 30, 90)
MAX_DAYS = 3650
LANGUAGE_CYCLE: tuple[str | None, ...] = (None, "ru", "en")
#: What an audience button changes: everyone, has ordered, the language, active days.
AUDIENCE_CHOICES = ("all", "ord", "lang", *(f"d{days}" for days in DAY_CHOICES))

MENU = Action("bc.menu")
NEW = Action("bc.new")
SKIP_BUTTON = Action("bc.skip", ROW_ID)  # draft id
AUDIENCE = Action("bc.aud", ROW_ID, Choice(AUDIENCE_CHOICES))  # draft id, choice
PREVIEW = Action("bc.prev", ROW_ID)
CONFIRM = Action("bc.ok", ROW_ID)
EDIT_AUDIENCE = Action("bc.edit", ROW_ID)
DISCARD = Action("bc.drop", ROW_ID)
HISTORY = Action("bc.hist", PAGE)

SUPERADMIN_MENU = Action("sa.menu")  # where Back leads (bot.superadmin.panel's menu)


def as_html(message: Message) -> str:
    """The message's text or caption with its formatting, as Kurigram's HTML."""
    body = message.text if message.text is not None else message.caption
    if body is None:
        return ""
    return Parser.unparse(str(body), list(body.entities or []), True)


def plain_length(message: Message) -> int:
    body = message.text if message.text is not None else message.caption
    return utf16_length(str(body or ""))


# -- the menu ---------------------------------------------------------------------------


async def handle_menu(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await query.answer()
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(request.t("broadcast.new"), callback_data=request.button(NEW))],
            [
                InlineKeyboardButton(
                    request.t("broadcast.history"), callback_data=request.button(HISTORY, 0)
                )
            ],
            [
                InlineKeyboardButton(
                    request.t("superadmin.back"), callback_data=request.button(SUPERADMIN_MENU)
                )
            ],
        ]
    )
    await edit_pressed(request, query, request.t("broadcast.menu"), keyboard)


def discard_keyboard(request: Request, broadcast_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    request.t("broadcast.discard"),
                    callback_data=request.button(DISCARD, broadcast_id),
                )
            ]
        ]
    )


async def handle_new(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    broadcast_id = await open_draft(request.user_id)
    await query.answer()
    markup = discard_keyboard(request, broadcast_id)
    await edit_pressed(request, query, request.t("broadcast.ask_text"), markup)


# -- typed input ------------------------------------------------------------------------


async def _awaits_input(_flt: object, _client: Client, message: Message) -> bool:
    user = message.from_user
    return user is not None and await awaits_input(user.id)


#: A typed text or photo; `drafting` (a query) is asked only for a superadmin.
composing = filters.private & ~filters.regex(r"^/") & (filters.text | filters.photo)
drafting = filters.create(_awaits_input, "composing_broadcast")


async def handle_input(request: Request, message: Message) -> None:
    draft = await draft_of(request.user_id)
    if draft is None:
        return
    step = draft.compose_step
    if step == STEP_TEXT:
        await _take_text(request, message, draft)
    elif step == STEP_BUTTON:
        await _take_button(request, message, draft)
    elif step == STEP_AUDIENCE:
        await _take_days(request, message, draft)


async def _take_text(request: Request, message: Message, draft: Broadcast) -> None:
    html = as_html(message)
    photo = message.photo.file_id if message.photo is not None else None
    if not html.strip() and photo is None:
        await message.reply_text(request.t("broadcast.text_empty"))
        return
    limit = CAPTION_LIMIT if photo is not None else TEXT_LIMIT
    length = plain_length(message)
    if length > limit:
        await message.reply_text(request.t("broadcast.text_too_long", length=length, limit=limit))
        return
    await update_draft(int(draft.id), text=html, photo_file_id=photo, compose_step=STEP_BUTTON)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    request.t("broadcast.skip_button"),
                    callback_data=request.button(SKIP_BUTTON, int(draft.id)),
                )
            ],
            [
                InlineKeyboardButton(
                    request.t("broadcast.discard"),
                    callback_data=request.button(DISCARD, int(draft.id)),
                )
            ],
        ]
    )
    await message.reply_text(request.t("broadcast.ask_button"), reply_markup=keyboard)


async def _take_button(request: Request, message: Message, draft: Broadcast) -> None:
    label, _, url = (message.text or "").partition("|")
    label, url = label.strip(), url.strip()
    if not label or len(label) > BUTTON_TEXT_LIMIT or not valid_button_url(url):
        await message.reply_text(request.t("broadcast.button_invalid"))
        return
    await update_draft(int(draft.id), button_text=label, button_url=url, compose_step=STEP_AUDIENCE)
    text, keyboard = await audience_screen(request, int(draft.id), Audience())
    await message.reply_text(text, reply_markup=keyboard)


async def _take_days(request: Request, message: Message, draft: Broadcast) -> None:
    typed = (message.text or "").strip()
    if not typed.isdecimal() or not 1 <= int(typed) <= MAX_DAYS:
        await message.reply_text(request.t("broadcast.days_invalid"))
        return
    current = Audience.from_json(draft.audience)
    audience = Audience(int(typed), current.has_ordered, current.language)
    await update_draft(int(draft.id), audience=audience)
    text, keyboard = await audience_screen(request, int(draft.id), audience)
    await message.reply_text(text, reply_markup=keyboard)


# -- audience ---------------------------------------------------------------------------


def _mark(chosen: bool, label: str) -> str:
    return f"✓ {label}" if chosen else label


async def audience_screen(
    request: Request, broadcast_id: int, audience: Audience
) -> tuple[str, InlineKeyboardMarkup]:
    count = await count_audience(audience)
    text = "\n\n".join(
        [
            request.t(
                "broadcast.ask_audience",
                audience=audience_text(audience, request.language),
                count=count,
            ),
            request.t("broadcast.audience_hint"),
        ]
    )

    def button(label: str, action: Action, *args: Value) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=request.button(action, *args))

    language = audience.language.upper() if audience.language else None
    rows = [
        [
            button(
                _mark(audience.is_everyone, request.t("broadcast.audience_all")),
                AUDIENCE,
                broadcast_id,
                "all",
            )
        ],
        [
            button(
                _mark(
                    audience.active_days == days, request.t("broadcast.audience_days", days=days)
                ),
                AUDIENCE,
                broadcast_id,
                f"d{days}",
            )
            for days in DAY_CHOICES
        ],
        [
            button(
                _mark(audience.has_ordered, request.t("broadcast.audience_ordered")),
                AUDIENCE,
                broadcast_id,
                "ord",
            )
        ],
        [
            button(
                request.t(
                    "broadcast.audience_language",
                    lang=language or request.t("broadcast.audience_any_language"),
                ),
                AUDIENCE,
                broadcast_id,
                "lang",
            )
        ],
        [button(request.t("broadcast.to_preview"), PREVIEW, broadcast_id)],
        [button(request.t("broadcast.discard"), DISCARD, broadcast_id)],
    ]
    return text, InlineKeyboardMarkup(rows)


def changed_audience(audience: Audience, choice: str) -> Audience:
    if choice == "all":
        return Audience()
    if choice == "ord":
        return Audience(audience.active_days, not audience.has_ordered, audience.language)
    if choice == "lang":
        index = (
            LANGUAGE_CYCLE.index(audience.language) if audience.language in LANGUAGE_CYCLE else 0
        )
        following = LANGUAGE_CYCLE[(index + 1) % len(LANGUAGE_CYCLE)]
        return Audience(audience.active_days, audience.has_ordered, following)
    if choice.startswith("d") and choice[1:].isdecimal():
        days = int(choice[1:])
        chosen = None if audience.active_days == days else days
        return Audience(chosen, audience.has_ordered, audience.language)
    return audience


async def _own_draft(
    request: Request, query: CallbackQuery, callback: Callback
) -> Broadcast | None:
    """The draft the button names, if it is still this superadmin's draft."""
    broadcast_id = callback.integer(0)
    draft = await draft_of(request.user_id)
    if draft is None or broadcast_id is None or int(draft.id) != broadcast_id:
        await query.answer(request.t("broadcast.draft_gone"), show_alert=True)
        return None
    return draft


async def handle_skip_button(request: Request, query: CallbackQuery, callback: Callback) -> None:
    draft = await _own_draft(request, query, callback)
    if draft is None:
        return
    await update_draft(int(draft.id), button_text=None, button_url=None, compose_step=STEP_AUDIENCE)
    await query.answer()
    text, keyboard = await audience_screen(
        request, int(draft.id), Audience.from_json(draft.audience)
    )
    await edit_pressed(request, query, text, keyboard)


async def handle_audience(request: Request, query: CallbackQuery, callback: Callback) -> None:
    draft = await _own_draft(request, query, callback)
    if draft is None:
        return
    choice = callback.text(1)
    audience = changed_audience(Audience.from_json(draft.audience), choice)
    await update_draft(int(draft.id), audience=audience, compose_step=STEP_AUDIENCE)
    await query.answer()
    text, keyboard = await audience_screen(request, int(draft.id), audience)
    await edit_pressed(request, query, text, keyboard)


async def handle_edit_audience(request: Request, query: CallbackQuery, callback: Callback) -> None:
    await handle_audience(request, query, Callback(callback.action, (*callback.args[:1], "keep")))


# -- preview and confirm ----------------------------------------------------------------


async def handle_preview(request: Request, query: CallbackQuery, callback: Callback) -> None:
    draft = await _own_draft(request, query, callback)
    if draft is None:
        return
    audience = Audience.from_json(draft.audience)
    count = await count_audience(audience)
    if count == 0:
        await query.answer(request.t("broadcast.no_recipients"), show_alert=True)
        return
    await query.answer()
    client = request.client
    await client.send_message(request.user_id, request.t("broadcast.preview_header"))
    content = await prepare_content(
        client,
        html=str(draft.text),
        photo_file_id=draft.photo_file_id,
        button_text=draft.button_text,
        button_url=draft.button_url,
    )
    peer = await client.resolve_peer(request.user_id)
    try:
        await client.invoke(content.request(peer, client.rnd_id()))
    except RPCError as error:
        await client.send_message(request.user_id, f"⚠️ {error.ID or error}")
        return
    await update_draft(int(draft.id), compose_step=STEP_CONFIRM)
    rate = request.deps.settings.broadcast_rate
    summary = request.t(
        "broadcast.summary",
        audience=audience_text(audience, request.language),
        count=count,
        rate=f"{rate:g}",
        duration=duration(math.ceil(count / rate), request.language),
    )
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    request.t("broadcast.confirm"),
                    callback_data=request.button(CONFIRM, int(draft.id)),
                )
            ],
            [
                InlineKeyboardButton(
                    request.t("broadcast.edit_audience"),
                    callback_data=request.button(EDIT_AUDIENCE, int(draft.id)),
                )
            ],
            [
                InlineKeyboardButton(
                    request.t("broadcast.discard"),
                    callback_data=request.button(DISCARD, int(draft.id)),
                )
            ],
        ]
    )
    await client.send_message(request.user_id, summary, reply_markup=keyboard)


async def handle_confirm(request: Request, query: CallbackQuery, callback: Callback) -> None:
    broadcast_id = callback.integer(0)
    message = query.message
    chat_id = message.chat.id if isinstance(message, Message) and message.chat else None
    if broadcast_id is None or not isinstance(message, Message) or chat_id is None:
        await query.answer(request.t("broadcast.draft_gone"), show_alert=True)
        return
    confirmed = await confirm_broadcast(
        broadcast_id,
        request.user_id,
        progress_chat_id=chat_id,
        progress_message_id=message.id,
    )
    if not confirmed:
        await query.answer(request.t("broadcast.draft_gone"), show_alert=True)
        return
    await request.deps.broadcasts.send(StartBroadcast(broadcast_id))
    await query.answer(request.t("broadcast.started", id=broadcast_id))


async def handle_discard(request: Request, query: CallbackQuery, callback: Callback) -> None:
    broadcast_id = callback.integer(0)
    if broadcast_id is None or not await discard_draft(broadcast_id, request.user_id):
        await query.answer(request.t("broadcast.draft_gone"), show_alert=True)
        return
    await query.answer()
    await edit_pressed(request, query, request.t("broadcast.discarded"))


def register(router: Router) -> None:
    router.on_message(handle_input, composing, role=Role.SUPERADMIN, lookup=drafting)
    for action, handler in (
        (MENU, handle_menu),
        (NEW, handle_new),
        (SKIP_BUTTON, handle_skip_button),
        (AUDIENCE, handle_audience),
        (EDIT_AUDIENCE, handle_edit_audience),
        (PREVIEW, handle_preview),
        (CONFIRM, handle_confirm),
        (DISCARD, handle_discard),
    ):
        router.on_callback(action, handler, role=Role.SUPERADMIN)
