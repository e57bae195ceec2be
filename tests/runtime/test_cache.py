"""The cache behaves the same on Redis and in process: values, expiry, deletion."""

from pathlib import Path

from runtime.cache import Cache, MemoryCache, RedisCache, open_cache
from tests.fixtures.database import make_settings


async def test_a_value_reads_back_until_replaced(cache: Cache) -> None:
    await cache.set("stats", '{"users": 3}', ttl=300)
    assert await cache.get("stats") == '{"users": 3}'
    await cache.set("stats", '{"users": 4}', ttl=300)
    assert await cache.get("stats") == '{"users": 4}'
    assert await cache.is_up()


async def test_redis_keeps_the_value_for_its_time_to_live(redis_cache: RedisCache) -> None:
    await redis_cache.set("stats", "x", ttl=300)
    left_ms = await redis_cache.client.pttl(redis_cache.prefix + "stats")
    assert 299_000 < left_ms <= 300_000


async def test_a_deleted_or_unknown_key_reads_as_none(cache: Cache) -> None:
    await cache.set("stats", "x", ttl=60)
    await cache.delete("stats")
    assert await cache.get("stats") is None
    assert await cache.get("never-set") is None


async def test_the_memory_cache_expires_by_its_clock() -> None:
    now = [0.0]
    cache = MemoryCache(clock=lambda: now[0])
    await cache.set("a", "1", ttl=300)
    now[0] = 299.9
    assert await cache.get("a") == "1"
    now[0] = 300.0
    assert await cache.get("a") is None


async def test_open_cache_picks_redis_when_configured_and_memory_otherwise(
    tmp_path: Path, redis_cache: Cache
) -> None:
    async with open_cache(make_settings(sqlite_path=tmp_path / "x.db")) as memory:
        assert memory.kind == "memory"
    settings = make_settings(redis_host="127.0.0.1", redis_port=6379)
    async with open_cache(settings, prefix="shopbot_test_open:") as redis:
        assert redis.kind == "redis"
        assert await redis.is_up()
