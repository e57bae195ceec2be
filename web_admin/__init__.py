"""The web admin (WEB_ADMIN=true): piccolo_admin at `/admin` for the catalogue, and the
orders, users, admins and audit log read-only, on the bot's own HTTP server.

Nobody gets in without a `/web` link from the bot (`sign_in`), every request is checked
(`gate`), every write follows the bot's rules and is audited (`tables`). Sessions and
CSRF are piccolo_api's (the session cookie, and the `csrftoken` cookie echoed in the
`X-CSRFToken` header of every change). Serve it behind a TLS reverse proxy in
production (README, "Web admin"): the cookies are marked Secure when WEB_ADMIN_URL is
https.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from piccolo.apps.user.tables import BaseUser
from piccolo_admin.endpoints import create_admin
from piccolo_api.session_auth.tables import SessionsBase
from pyrogram import Client

from bot.admin.web_sign_in.link import SIGN_IN_PATH
from config import Settings
from models.clock import utcnow
from runtime.http_server import HttpMount
from web_admin.gate import session_gate
from web_admin.photos import prepare_media_dir
from web_admin.sign_in import sign_in_app
from web_admin.tables import table_configs

ADMIN_PATH = "/admin"


def _hosts(base_url: str) -> list[str]:
    """The host piccolo_api's CSRF check accepts in `Origin`/`Referer` over https."""
    host = urlsplit(base_url).hostname
    return [host] if host else []


def web_admin_mounts(
    settings: Settings,
    client: Client | None = None,
    *,
    clock: Callable[[], datetime] = utcnow,
) -> list[HttpMount]:
    """The web admin and its sign-in route, to serve beside /health (raises
    `web_admin.photos.MediaDirUnusable` when MEDIA_DIR cannot hold uploads)."""
    media_dir = prepare_media_dir(settings.media_dir)
    production = settings.web_admin_base_url.startswith("https://")
    admin = create_admin(
        table_configs(settings, media_dir, client),
        auth_table=BaseUser,
        session_table=SessionsBase,
        site_name="Shop admin",
        production=production,
        allowed_hosts=_hosts(settings.web_admin_base_url) if production else [],
        auto_include_related=False,
    )
    return [
        HttpMount(SIGN_IN_PATH, sign_in_app(settings, clock, admin_path=f"{ADMIN_PATH}/")),
        HttpMount(ADMIN_PATH, session_gate(admin, settings, f"{SIGN_IN_PATH}/")),
    ]
