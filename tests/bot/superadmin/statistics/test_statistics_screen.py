"""`/superadmin` -> Statistics on the fake Telegram: the figures, their 5-minute cache and
Refresh, the chart as a PNG photo, Redis cut, and who may not open it."""

from __future__ import annotations

import io
import secrets

from PIL import Image
from redis.asyncio import Redis

from bot.superadmin.statistics.cached import cache_key
from config import Settings
from fake_telegram import FakeTelegram, SimulatedUser
from models.clock import utcnow
from models.users import User
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import SUPERADMIN, running_bot
from tests.fixtures.cache import REDIS_HOST, REDIS_PORT
from tests.fixtures.database import make_settings
from tests.fixtures.statistics import build_counted_shop
from tests.fixtures.tcp_proxy import tcp_proxy

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NOT_ALLOWED = "This action is not available to you."


async def open_statistics(tg: FakeTelegram) -> SimulatedUser:
    superadmin = tg.user(SUPERADMIN, lang="en", first_name="Sue")
    await superadmin.send("/superadmin")
    await superadmin.press("📊 Statistics")
    return superadmin


async def add_user(telegram_id: int) -> None:
    now = utcnow()
    await User.insert(
        User(telegram_id=telegram_id, first_name="New", last_active_at=now, created_at=now)
    )


async def test_statistics_are_cached_for_five_minutes_and_refresh_recomputes(
    database: Settings, redis_cache: object, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database, redis_host=REDIS_HOST, redis_port=REDIS_PORT)
    async with running_bot(settings, fake_telegram):
        await build_counted_shop(utcnow())
        superadmin = await open_statistics(fake_telegram)
        screen = superadmin.last_message.text
        assert screen.startswith("📊 Statistics · computed at ")
        assert "👥 Users: 8 in all" in screen  # 7 counted + the superadmin
        assert "Banned: 1 · blocked the bot: 1" in screen
        assert "Shipped: 0 / 0 / 1" in screen and "Cancelled: 0 / 0 / 1" in screen
        assert "💰 Revenue: " in screen
        assert "Hoodie — 4, Tee — 3, Cap — 1" in screen
        assert "L — 4, M — 3, One size — 1" in screen
        assert "delivered 7 of 10, blocked 2, failed 1" in screen

        await add_user(9_000_001)
        await superadmin.press("« Back")
        await superadmin.press("📊 Statistics")
        assert superadmin.last_message.text == screen  # from the cache

        await superadmin.press("🔄 Refresh")
        assert "👥 Users: 9 in all" in superadmin.last_message.text
        assert superadmin.last_answer is not None
        assert superadmin.last_answer.answer_text == "Computed again"

        [photo] = await superadmin.press("📈 Chart, 30 days")
        assert photo.caption is not None
        assert photo.caption.startswith("📈 Orders and revenue per day, last 30 days")
        stored = photo.file
        assert stored is not None and stored.data.startswith(PNG_SIGNATURE)
        with Image.open(io.BytesIO(stored.data)) as image:
            image.verify()
            assert image.format == "PNG" and image.size[0] > 300
    probe = Redis(host=REDIS_HOST, port=REDIS_PORT)
    try:
        assert await probe.delete(f"shopbot:{cache_key(settings)}") == 1  # it was in Redis
    finally:
        await probe.aclose()
    fake_telegram.assert_no_handler_errors()


async def test_statistics_come_while_redis_is_cut(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with tcp_proxy(REDIS_HOST, REDIS_PORT) as proxy:
        proxy.cut()
        settings = shop_settings(
            sqlite_database, redis_host="127.0.0.1", redis_port=proxy.port, retry_max_wait=0.05
        )
        async with running_bot(settings, fake_telegram):
            await build_counted_shop(utcnow())
            superadmin = await open_statistics(fake_telegram)
            screen = superadmin.last_message.text
            assert screen.startswith("📊 Statistics · computed at ")
            assert "👥 Users: 8 in all" in screen

            await add_user(9_000_002)
            await superadmin.press("🔄 Refresh")
            assert "👥 Users: 9 in all" in superadmin.last_message.text
            [photo] = await superadmin.press("📈 Chart, 30 days")
            assert photo.file is not None and photo.file.data.startswith(PNG_SIGNATURE)
    fake_telegram.assert_no_handler_errors()


async def test_only_superadmins_open_statistics_even_with_replayed_buttons(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(sqlite_database)
    async with running_bot(settings, fake_telegram):
        superadmin = await open_statistics(fake_telegram)
        refresh = superadmin.last_message.button("🔄 Refresh")
        assert refresh is not None and refresh.data is not None
        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        shopper = fake_telegram.user(7_001, lang="en", first_name="Mallory")
        await shopper.send("/start")
        for intruder in (admin, shopper):
            [reply] = await intruder.send("/superadmin")
            assert reply.text == NOT_ALLOWED
            for action in ("st.open", "st.refresh", "st.chart"):
                await intruder.press_forged(forged(settings, intruder.id, action))
                assert intruder.last_answer is not None
                assert intruder.last_answer.answer_text == NOT_ALLOWED
            await intruder.press_forged(refresh.data)
            assert intruder.last_answer is not None
            assert str(intruder.last_answer.answer_text).startswith("This button is out of date")
            assert not [m for m in intruder.messages if m.file is not None]
    fake_telegram.assert_no_handler_errors()


def test_cache_keys_name_the_database() -> None:
    one = make_settings(postgres_host="127.0.0.1", postgres_db=f"a{secrets.token_hex(3)}")
    other = make_settings(postgres_host="127.0.0.1", postgres_db="b")
    assert cache_key(one) != cache_key(other)
    assert cache_key(one) == cache_key(one.model_copy())
