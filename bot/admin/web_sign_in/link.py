"""`/web` (admins and superadmins; the package sets the role): a sign-in link for the
web admin, valid `SIGN_IN_VALID_FOR` and good once (`models.web_sign_in`). The token
is in the link only: the database keeps its hash. The message has no link preview, so
Telegram does not open the link itself; opening it shows a page whose button signs in,
so a preview fetch would not spend it either."""

from __future__ import annotations

from pyrogram import filters
from pyrogram.enums import ParseMode
from pyrogram.types import LinkPreviewOptions, Message

from bot.context import Request
from bot.router import Router
from models.clock import utcnow
from models.web_sign_in import SIGN_IN_VALID_FOR, create_sign_in_token

#: Where the sign-in route is mounted (`web_admin.SIGN_IN_PATH` serves it).
SIGN_IN_PATH = "/admin-sign-in"


def sign_in_url(base_url: str, token: str) -> str:
    return f"{base_url}{SIGN_IN_PATH}/{token}"


async def send_link(request: Request, _message: Message) -> None:
    settings = request.deps.settings
    if not settings.web_admin:
        await request.client.send_message(request.user_id, request.t("web.off"))
        return
    token = await create_sign_in_token(request.user_id, utcnow())
    minutes = int(SIGN_IN_VALID_FOR.total_seconds() // 60)
    await request.client.send_message(
        request.user_id,
        request.t("web.link", url=sign_in_url(settings.web_admin_base_url, token), minutes=minutes),
        parse_mode=ParseMode.DISABLED,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


def register(router: Router) -> None:
    router.on_message(send_link, filters.private & filters.command("web"))
