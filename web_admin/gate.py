"""The web admin's door: nothing under /admin answers without a live session of an
admin who is still an admin.

Every request is checked here before piccolo_admin sees it: the session cookie
(piccolo_api's `SessionsBase`, `id`), the web user it belongs to, the Telegram account
behind that user, and that account's role now (`bot.roles.role_of`), so removing an
admin in the bot closes their web sessions too. Without all four a page is redirected
to the sign-in page and an API call is answered 401. Password login (piccolo_admin's
`/public/login/`) is therefore never reachable: the only way in is a `/web` link.
Whoever passes has their Telegram id put in the request's state (`web_admin.acting`),
and each change they make is one transaction (`web_admin.one_transaction`).
"""

from __future__ import annotations

from typing import Any

from piccolo_api.session_auth.tables import SessionsBase
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

from bot.roles import Role, role_of
from config import Settings
from models.catalogue import Category
from models.web_sign_in import telegram_id_of_user
from runtime.http_server import ASGIApp
from web_admin.acting import TELEGRAM_ID
from web_admin.one_transaction import CHANGES, in_one_transaction

#: piccolo_api's session cookie name.
SESSION_COOKIE = "id"


async def signed_in_admin(settings: Settings, request: Request) -> int | None:
    """The Telegram id of the admin whose live session `request` carries; None without
    a session, for an expired one, or when that account is no longer an admin."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    user_id = await SessionsBase.get_user_id(token)
    if user_id is None:
        return None
    telegram_id = await telegram_id_of_user(user_id)
    if telegram_id is None or await role_of(settings, telegram_id) < Role.ADMIN:
        return None
    return telegram_id


def _is_api(scope: Any) -> bool:
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path.removeprefix(root).startswith("/api/")


def session_gate(app: ASGIApp, settings: Settings, sign_in_path: str) -> ASGIApp:
    """`app` behind the check above; `sign_in_path` is where pages are redirected."""

    async def gate(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        telegram_id = await signed_in_admin(settings, Request(scope))
        if telegram_id is None:
            if _is_api(scope):
                refusal = JSONResponse({"detail": "Sign in with /web in the bot."}, 401)
                await refusal(scope, receive, send)
            else:
                await RedirectResponse(sign_in_path, status_code=303)(scope, receive, send)
            return
        scope.setdefault("state", {})[TELEGRAM_ID] = telegram_id
        if _is_api(scope) and scope["method"] in CHANGES:
            await in_one_transaction(app, Category._meta.db, scope, receive, send)
        else:
            await app(scope, receive, send)

    return gate
