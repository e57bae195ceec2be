"""Signing in to the web admin: nothing without a session, and a `/web` token opens one
session once, within 5 minutes, for an account that is still an admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from config import Settings
from models.admins import add_admin, remove_admin
from models.clock import utcnow
from models.web_sign_in import WebSignInToken, create_sign_in_token, hash_token
from runtime.database import DatabaseEngine
from tests.web_admin.browser import ADMIN, browser, csrf_headers, sign_in, web_app, web_settings

PAGES = [
    "/admin/",
    "/admin/assets/index.js",
    "/admin/public/login/",
    "/admin/public/meta/",
    "/admin/#/product",
]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def settings(database: Settings, tmp_path: Path) -> Settings:
    return web_settings(database, tmp_path / "media")


@pytest.mark.parametrize("path", PAGES)
async def test_every_admin_page_without_a_session_redirects_to_sign_in(
    db: DatabaseEngine, settings: Settings, path: str
) -> None:
    async with browser(web_app(settings)) as http:
        response = await http.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == "/admin-sign-in/"
        http.cookies.set("id", "not-a-session")
        forged = await http.get(path)
        assert forged.status_code == 303
        page = await http.get("/admin-sign-in/")
        assert page.status_code == 200 and "/web" in page.text


async def test_api_calls_without_a_session_are_refused_and_change_nothing(
    db: DatabaseEngine, settings: Settings
) -> None:
    async with browser(web_app(settings)) as http:
        assert (await http.get("/admin/api/tables/")).status_code == 401
        assert (await http.get("/admin/api/docs/")).status_code == 401
        created = await http.post("/admin/api/tables/categories/", json={"name": "Sneaky"})
        assert created.status_code == 401
        login = await http.post("/admin/public/login/", json={"username": "a", "password": "b"})
        assert login.status_code == 303  # no password login: only the sign-in page


async def test_a_link_opens_one_session_once(db: DatabaseEngine, settings: Settings) -> None:
    token = await create_sign_in_token(ADMIN, utcnow())
    async with browser(web_app(settings)) as http:
        shown = await http.get(f"/admin-sign-in/{token}")  # a preview does not spend it
        assert shown.status_code == 200 and "<form" in shown.text

        signed_in = await sign_in(http, token)
        assert signed_in.status_code == 303
        assert signed_in.headers["location"] == "/admin/"
        assert "httponly" in signed_in.headers["set-cookie"].lower()
        page = await http.get("/admin/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        user = await http.get("/admin/api/user/")
        assert user.status_code == 200 and user.json()["username"] == f"telegram:{ADMIN}"

    async with browser(web_app(settings)) as other:
        again = await sign_in(other, token)
        assert again.status_code == 403 and "used or has expired" in again.text
        assert (await other.get("/admin/")).status_code == 303
    stored = await WebSignInToken.select(WebSignInToken.token_hash).run()
    assert [row["token_hash"] for row in stored] == [hash_token(token)]  # never the token


async def test_a_link_expires_after_5_minutes(db: DatabaseEngine, settings: Settings) -> None:
    made = utcnow()
    clock = Clock(made + timedelta(minutes=5))
    late = await create_sign_in_token(ADMIN, made)
    in_time = await create_sign_in_token(ADMIN, made)
    async with browser(web_app(settings, clock)) as http:
        assert (await sign_in(http, late)).status_code == 403
        assert (await http.get("/admin/")).status_code == 303
        clock.now = made + timedelta(minutes=4, seconds=59)
        assert (await sign_in(http, in_time)).status_code == 303
        assert (await http.get("/admin/")).status_code == 200


async def test_a_removed_admin_cannot_use_a_link_or_a_session(
    db: DatabaseEngine, settings: Settings
) -> None:
    granted = 700_777
    await add_admin(granted, added_by=ADMIN)
    first = await create_sign_in_token(granted, utcnow())
    second = await create_sign_in_token(granted, utcnow())
    async with browser(web_app(settings)) as http:
        assert (await sign_in(http, first)).status_code == 303
        assert (await http.get("/admin/api/user/")).status_code == 200

        await remove_admin(granted, removed_by=ADMIN)

        assert (await http.get("/admin/")).status_code == 303
        assert (await http.get("/admin/api/user/")).status_code == 401
        refused = await sign_in(http, second)
        assert refused.status_code == 403 and "not an admin" in refused.text


async def test_a_shoppers_token_opens_nothing(db: DatabaseEngine, settings: Settings) -> None:
    token = await create_sign_in_token(123_456, utcnow())
    async with browser(web_app(settings)) as http:
        assert (await sign_in(http, token)).status_code == 403
        assert (await http.get("/admin/")).status_code == 303
        assert (await sign_in(http, "no-such-token")).status_code == 403


async def test_behind_https_cookies_are_secure_and_changes_need_the_shops_origin(
    db: DatabaseEngine, settings: Settings
) -> None:
    public = settings.model_copy(update={"web_admin_url": "https://shop.example.com"})
    token = await create_sign_in_token(ADMIN, utcnow())
    async with browser(web_app(public), base_url="https://shop.example.com") as http:
        signed_in = await sign_in(http, token)
        assert "secure" in signed_in.headers["set-cookie"].lower()
        headers = await csrf_headers(http)
        elsewhere = {**headers, "Origin": "https://evil.example.net"}
        made = await http.post(
            "/admin/api/tables/categories/", json={"name": "A"}, headers=elsewhere
        )
        assert made.status_code == 403
        ours = {**headers, "Origin": "https://shop.example.com"}
        made = await http.post("/admin/api/tables/categories/", json={"name": "A"}, headers=ours)
        assert made.status_code == 201, made.text
