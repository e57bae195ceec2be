"""`/web`: an admin gets a one-time sign-in link for the web admin (no link preview, the
token stored hashed); a shopper is refused politely; with WEB_ADMIN off the bot says so."""

from __future__ import annotations

import re
from pathlib import Path

from config import Settings
from fake_telegram import FakeTelegram
from models.web_sign_in import WebSignInToken, hash_token
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.fixtures.app import SUPERADMIN, running_bot

LINK = re.compile(r"https://shop\.example\.com/admin-sign-in/(?P<token>[A-Za-z0-9_-]{40,})")


def web_shop(database: Settings, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "web_admin": True,
        "web_admin_url": "https://shop.example.com/",
        "media_dir": tmp_path / "media",
    }
    return shop_settings(database, **{**values, **overrides})


async def test_an_admin_and_a_superadmin_get_a_one_time_link_without_a_preview(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(web_shop(database, tmp_path), fake_telegram):
        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        await admin.send("/web")
        text = admin.last_message.text
        found = LINK.search(text)
        assert found is not None, text
        assert "works once, for 5 minutes" in text
        sent = fake_telegram.requests_named("messages.SendMessage", peer=ENGLISH_ADMIN)[-1]
        assert getattr(sent.raw, "no_webpage", False)  # messages.SendMessage's flag

        superadmin = fake_telegram.user(SUPERADMIN, lang="ru", first_name="Sue")
        await superadmin.send("/web")
        assert "действует 5 мин" in superadmin.last_message.text

        rows = await WebSignInToken.select().order_by(WebSignInToken.id).run()
        assert [row["telegram_id"] for row in rows] == [ENGLISH_ADMIN, SUPERADMIN]
        assert rows[0]["token_hash"] == hash_token(found["token"])
        assert found["token"] not in str(rows)
    fake_telegram.assert_no_handler_errors()


async def test_a_shopper_is_refused_politely_and_gets_no_link(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(web_shop(database, tmp_path), fake_telegram):
        shopper = fake_telegram.user(5_001, lang="en", first_name="Bob")
        await shopper.send("/web")
        assert shopper.last_message.text == "This action is not available to you."
        assert await WebSignInToken.count().run() == 0
    fake_telegram.assert_no_handler_errors()


async def test_with_the_web_admin_off_an_admin_is_told_so(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(web_shop(database, tmp_path, web_admin=False), fake_telegram):
        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        await admin.send("/web")
        assert admin.last_message.text == "🖥 The web admin is off (WEB_ADMIN=false)."
        assert await WebSignInToken.count().run() == 0
    fake_telegram.assert_no_handler_errors()
