"""The sign-in route: a `/web` link opens a session in the web admin.

`GET /admin-sign-in/` says how to get a link. `GET /admin-sign-in/<token>` only shows a
page with a Sign in button (a link preview or a scanner that fetches the URL does not
spend it); the button's `POST` redeems the token (`models.web_sign_in`: known, unused,
not expired by `clock()`, then marked used), checks that its Telegram account is still
an admin, and opens a piccolo_api session for that admin's web user (created on first
use; sessions past their last day are dropped on the way), set as piccolo_api's
session cookie, and audits it (`web.sign_in`); then it goes
to /admin/. Every refusal is a
403 page that says to send /web again, and opens nothing.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta

from loguru import logger
from piccolo_api.session_auth.tables import SessionsBase
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.roles import Role, role_of
from config import Settings
from models.admins import record_audit
from models.web_sign_in import get_or_create_web_user, redeem_sign_in_token
from web_admin.gate import SESSION_COOKIE

#: How long a web session lasts without use, and at most (piccolo_admin's defaults).
SESSION_EXPIRY = timedelta(hours=1)
MAX_SESSION_EXPIRY = timedelta(days=7)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shop admin: sign in</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}}
button{{font-size:1.1rem;padding:.6rem 1.4rem}}</style></head>
<body><h1>Shop admin</h1>{body}</body></html>"""

HOW_TO = "<p>Send <code>/web</code> to the shop's bot in Telegram: it answers with a link \
that signs you in (it works once, for 5 minutes).</p>"


def page(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(body=body), status_code=status)


def refused(reason: str) -> HTMLResponse:
    return page(f"<p>{html.escape(reason)}</p>{HOW_TO}", status=403)


def sign_in_app(
    settings: Settings, clock: Callable[[], datetime], *, admin_path: str = "/admin/"
) -> Starlette:
    secure = settings.web_admin_base_url.startswith("https://")

    async def how_to(_request: Request) -> Response:
        return page(HOW_TO)

    async def confirm(_request: Request) -> Response:
        return page('<form method="post"><button type="submit">Sign in</button></form>')

    async def sign_in(request: Request) -> Response:
        telegram_id = await redeem_sign_in_token(request.path_params["token"], clock())
        if telegram_id is None:
            return refused("This link has been used or has expired.")
        if await role_of(settings, telegram_id) < Role.ADMIN:
            return refused("This Telegram account is not an admin of the shop.")
        user_id = await get_or_create_web_user(telegram_id)
        await record_audit(telegram_id, "web.sign_in", str(user_id))
        logger.info("web admin: {} signed in", telegram_id)
        now = datetime.now()  # piccolo_api compares session times with naive local time
        await SessionsBase.delete().where(SessionsBase.max_expiry_date < now).run()
        session = await SessionsBase.create_session(
            user_id, expiry_date=now + SESSION_EXPIRY, max_expiry_date=now + MAX_SESSION_EXPIRY
        )
        response = RedirectResponse(admin_path, status_code=303)
        response.set_cookie(
            SESSION_COOKIE,
            str(session.token),
            max_age=int(MAX_SESSION_EXPIRY.total_seconds()),
            httponly=True,
            secure=secure,
            samesite="lax",
        )
        return response

    return Starlette(
        routes=[
            Route("/", how_to, methods=["GET"]),
            Route("/{token:str}", confirm, methods=["GET"]),
            Route("/{token:str}", sign_in, methods=["POST"]),
        ]
    )
