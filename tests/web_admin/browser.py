"""A browser for the web admin in tests: an httpx client that keeps cookies, signs in
with a `/web` token and sends piccolo_api's CSRF token with every change, as the
admin's page does (the `csrftoken` cookie echoed in the `X-CSRFToken` header)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from starlette.routing import Mount, Router

from config import Settings
from models.clock import utcnow
from runtime.http_server import ASGIApp
from web_admin import web_admin_mounts

ADMIN = 700_001  # in ADMIN_IDS of `web_settings`


def web_settings(database: Settings, media_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "web_admin": True,
        "media_dir": media_dir,
        "admin_ids": [ADMIN],
        "log_file_path": None,
    }
    values.update(overrides)
    return database.model_copy(update=values)


def web_app(settings: Settings, clock: Callable[[], datetime] = utcnow) -> ASGIApp:
    """The web admin's mounts on a router, as the metrics collector serves them."""
    mounts = web_admin_mounts(settings, clock=clock)
    return Router(routes=[Mount(m.path, app=m.app) for m in mounts])


@asynccontextmanager
async def browser(
    app: ASGIApp | None = None, base_url: str = "http://testserver"
) -> AsyncIterator[httpx.AsyncClient]:
    """A cookie-keeping client: of `app` in this process, or of a real server at
    `base_url`."""
    transport = httpx.ASGITransport(app=app) if app is not None else None
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield client


async def sign_in(http: httpx.AsyncClient, token: str) -> httpx.Response:
    """What the Sign in button on the link's page does."""
    return await http.post(f"/admin-sign-in/{token}")


async def csrf_headers(http: httpx.AsyncClient) -> dict[str, str]:
    if "csrftoken" not in http.cookies:
        (await http.get("/admin/api/user/")).raise_for_status()
    return {"X-CSRFToken": http.cookies["csrftoken"]}


async def create_row(http: httpx.AsyncClient, table: str, values: dict[str, Any]) -> int:
    """A new row through the admin's API; its id."""
    response = await http.post(
        f"/admin/api/tables/{table}/", json=values, headers=await csrf_headers(http)
    )
    assert response.status_code == 201, response.text
    return int(response.json()[0]["id"])


async def upload_photo(http: httpx.AsyncClient, data: bytes, name: str = "hoodie.png") -> str:
    """A photo stored by the admin's media storage; the key it answers."""
    response = await http.post(
        "/admin/api/media/",
        data={"table_name": "product_photos", "column_name": "source"},
        files={"file": (name, data, "image/png")},
        headers=await csrf_headers(http),
    )
    assert response.status_code == 200, response.text
    return str(response.json()["file_key"])
