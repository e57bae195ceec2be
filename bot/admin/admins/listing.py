"""The list of admins and removing one.

Superadmins (SUPERADMIN_IDS) and ADMIN_IDS come from the settings: they are shown as
such and cannot be removed in the bot (a replayed or forged Remove for them is refused).
Admins added in the bot are listed with a Remove button. Removal takes effect at once:
the role is read from the database on every admin update and for every new order's
cards, never cached; the removed admin's unfinished back-office conversation is ended
too, so their next message is a shopper's again.
"""

from __future__ import annotations

from pyrogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.admin.admins import actions as a
from bot.admin.admins.keyboards import admins_keyboard
from bot.callbacks import Callback
from bot.context import Request
from bot.router import Router
from bot.screens import send_screen, show_screen
from config import Settings
from models.admins import list_admin_ids, remove_admin
from models.conversations import end_conversation
from models.users import User


def env_listed(settings: Settings, telegram_id: int) -> bool:
    return telegram_id in settings.superadmin_ids or telegram_id in settings.admin_ids


async def labels_of(ids: list[int]) -> dict[int, str]:
    """ "Name @username · id" for each id ("id" alone for someone the bot has not met)."""
    labels = {telegram_id: str(telegram_id) for telegram_id in ids}
    if ids:
        for user in await User.objects().where(User.telegram_id.is_in(ids)):
            name = " ".join(part for part in (user.first_name, user.last_name) if part)
            username = f" @{user.username}" if user.username else ""
            labels[int(user.telegram_id)] = f"{name}{username} · {user.telegram_id}".strip()
    return labels


async def admins_screen(request: Request) -> tuple[str, InlineKeyboardMarkup]:
    settings = request.deps.settings
    supers = list(dict.fromkeys(settings.superadmin_ids))
    listed = [i for i in dict.fromkeys(settings.admin_ids) if i not in supers]
    added = [i for i in await list_admin_ids() if not env_listed(settings, i)]
    labels = await labels_of([*supers, *listed, *added])
    lines = [request.t("adms.title")]
    lines += [request.t("adms.line.super", name=labels[i]) for i in supers]
    lines += [request.t("adms.line.env", name=labels[i]) for i in listed]
    lines += [request.t("adms.line.added", name=labels[i]) for i in added]
    if not added:
        lines.append(request.t("adms.none_added"))
    markup = admins_keyboard(request, [(i, labels[i]) for i in added])
    return "\n".join(lines), markup


async def send_admins(request: Request, note: str = "") -> None:
    text, markup = await admins_screen(request)
    await send_screen(request, f"{note}\n\n{text}" if note else text, markup)


async def show_admins(request: Request, query: CallbackQuery, _callback: Callback) -> None:
    await show_screen(request, query, *await admins_screen(request))


async def remove(request: Request, query: CallbackQuery, callback: Callback) -> None:
    admin_id = callback.integer(0) or 0
    if env_listed(request.deps.settings, admin_id):
        await query.answer(request.t("adms.remove.env"), show_alert=True)
        return
    if not await remove_admin(admin_id, removed_by=request.user_id):
        await query.answer(request.t("adms.remove.gone"), show_alert=True)
        return
    await end_conversation(admin_id)
    await show_screen(
        request, query, *await admins_screen(request), toast=request.t("adms.removed")
    )


def register(router: Router) -> None:
    router.on_callback(a.ADMINS, show_admins)
    router.on_callback(a.ADMIN_REMOVE, remove)
