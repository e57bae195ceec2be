"""Redis is optional: a bot whose Redis is unreachable starts on the in-process cache,
alerts, serves shoppers (the banned-user notice included), and goes back to Redis once
it answers again. The outage is staged with a TCP proxy in front of the shared Redis."""

from __future__ import annotations

import json
import secrets

import anyio
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from config import Settings
from fake_telegram import FakeTelegram
from models.users import set_banned
from runtime.backoff import RetryPolicy
from runtime.cache import ResilientCache
from tests.fixtures.app import SUPERADMIN, bot_settings, running_bot, statuses_of
from tests.fixtures.cache import REDIS_HOST, REDIS_PORT
from tests.fixtures.tcp_proxy import tcp_proxy
from tests.test_main import http_get

BANNED_EN = "Your access to the shop is closed. If this is a mistake, write to us."
QUICK = RetryPolicy(initial=0.01, maximum=0.05)


def alerts(tg: FakeTelegram, phrase: str) -> list[str]:
    return [m.text for m in tg.user(SUPERADMIN).messages if phrase in m.text]


#: The cache outage alerts' folds in Redis (actors.alerts.folding, outage_alerts).
OUTAGE_ALERT_FOLDS = ("shopbot:alert_fold:cache:degraded", "shopbot:alert_fold:cache:up")


async def test_the_bot_starts_without_redis_serves_and_goes_back_to_redis(
    sqlite_database: Settings, redis_cache: object, fake_telegram: FakeTelegram
) -> None:
    prefix_probe = Redis(host=REDIS_HOST, port=REDIS_PORT, decode_responses=True)
    # The alert dispatcher folds a repeat of an alert within its window, across restarts,
    # through this shared Redis: an earlier run's "Redis is back" would hold this one's.
    await prefix_probe.delete(*OUTAGE_ALERT_FOLDS)
    async with tcp_proxy(REDIS_HOST, REDIS_PORT) as proxy:
        proxy.cut()
        settings = bot_settings(
            sqlite_database, redis_host="127.0.0.1", redis_port=proxy.port, retry_max_wait=0.05
        )
        # Ids unlikely to meet another test's keys in the shared Redis.
        base = 8_200_000 + secrets.randbelow(100_000) * 10
        shopper = fake_telegram.user(base + 1, lang="en", first_name="Sam")
        banned = fake_telegram.user(base + 2, lang="en", first_name="Ben")
        banned_later = fake_telegram.user(base + 3, lang="en", first_name="Bea")
        try:
            async with running_bot(settings, fake_telegram) as bot:
                welcome, *_ = await shopper.send("/start")
                assert welcome.text.startswith("Hello, Sam!")

                await banned.send("/start")
                await banned_later.send("/start")
                assert await set_banned(statuses_of(bot), banned.id, True)
                assert await set_banned(statuses_of(bot), banned_later.id, True)
                await banned.send("hello?")
                await banned.send("hello again?")
                assert [m.text for m in banned.messages].count(BANNED_EN) == 1

                await fake_telegram.wait_for_chat(
                    fake_telegram.bot_id,
                    SUPERADMIN,
                    lambda: alerts(fake_telegram, "Redis unreachable") or None,
                    what="the 'Redis unreachable' alert",
                )
                assert bot.http_port is not None
                status, body = await http_get(bot.http_port, "/health")
                health = json.loads(body)
                assert (status, health["status"]) == (200, "ok")
                assert health["cache"] == "redis: degraded (in-process cache)"

                proxy.restore()
                await fake_telegram.wait_for_chat(
                    fake_telegram.bot_id,
                    SUPERADMIN,
                    lambda: alerts(fake_telegram, "Redis is back") or None,
                    timeout=30,
                    what="the 'Redis is back' alert",
                )
                status, body = await http_get(bot.http_port, "/health")
                assert json.loads(body)["cache"] == "redis: up"
                await banned_later.send("hello?")
                assert [m.text for m in banned_later.messages].count(BANNED_EN) == 1
                key = f"shopbot:banned-notice:{banned_later.id}"
                assert await prefix_probe.get(key) == "1"
            [unreachable] = alerts(fake_telegram, "Redis unreachable")
            assert "ConnectionError" in unreachable or "Connection reset" in unreachable
            assert len(alerts(fake_telegram, "Redis is back")) == 1
        finally:
            await prefix_probe.delete(*(f"shopbot:banned-notice:{base + n}" for n in (1, 2, 3)))
            await prefix_probe.delete(*OUTAGE_ALERT_FOLDS)
            await prefix_probe.aclose()


async def test_the_cache_falls_back_while_redis_is_cut_and_returns_to_it() -> None:
    async with tcp_proxy(REDIS_HOST, REDIS_PORT) as proxy:
        # As open_cache makes it: one attempt per command, the cache does the retrying.
        client = Redis(
            host="127.0.0.1", port=proxy.port, decode_responses=True, retry=Retry(NoBackoff(), 0)
        )
        prefix = f"shopbot_test_{secrets.token_hex(6)}:"
        changes: list[str] = []
        cache = ResilientCache(client, prefix, QUICK)
        cache.listen(lambda change: changes.append(change.state))
        await cache.connect()
        assert cache.state == "up"
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(cache.run)
            await cache.set("a", "redis", ttl=60)

            proxy.cut()
            assert await cache.get("a") is None  # Redis unreachable: the memory cache answers
            await cache.set("a", "memory", ttl=60)
            assert await cache.get("a") == "memory"
            assert await cache.health() == "degraded (in-process cache)"

            proxy.restore()
            with anyio.fail_after(10):
                await cache.wait_until("up")
            assert await cache.get("a") == "redis"
            tasks.cancel_scope.cancel()
        await client.delete(f"{prefix}a")
        await client.aclose()
        assert changes == ["degraded", "up"]
