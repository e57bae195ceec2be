"""A small key-value cache with expiry: Redis when REDIS_HOST is set, else in-process.

The statistics screen caches its figures here for 5 minutes; the interface is what
that needs and nothing more. Both kinds behave the same (tests run them side by side).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Protocol

import anyio
from loguru import logger
from redis.asyncio import Redis
from redis.exceptions import RedisError

from config import Settings


class Cache(Protocol):
    kind: str

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, ttl: float) -> None: ...

    async def delete(self, key: str) -> None: ...

    async def is_up(self) -> bool: ...


class MemoryCache:
    """The in-process cache: a dict with expiry times, for a bot without Redis."""

    kind = "memory"

    def __init__(self, clock: Callable[[], float] = anyio.current_time) -> None:
        self._clock = clock
        self._items: dict[str, tuple[float, str]] = {}

    async def get(self, key: str) -> str | None:
        item = self._items.get(key)
        if item is None:
            return None
        expires_at, value = item
        if self._clock() >= expires_at:
            del self._items[key]
            return None
        return value

    async def set(self, key: str, value: str, ttl: float) -> None:
        self._purge_expired()
        self._items[key] = (self._clock() + ttl, value)

    async def delete(self, key: str) -> None:
        self._items.pop(key, None)

    async def is_up(self) -> bool:
        return True

    def _purge_expired(self) -> None:
        now = self._clock()
        for key in [key for key, (expires_at, _) in self._items.items() if now >= expires_at]:
            del self._items[key]


class RedisCache:
    kind = "redis"

    def __init__(self, client: Redis, prefix: str = "shopbot:") -> None:
        self.client = client
        self.prefix = prefix

    async def get(self, key: str) -> str | None:
        value = await self.client.get(self.prefix + key)
        return value if value is None or isinstance(value, str) else value.decode()

    async def set(self, key: str, value: str, ttl: float) -> None:
        await self.client.set(self.prefix + key, value, px=max(1, int(ttl * 1000)))

    async def delete(self, key: str) -> None:
        await self.client.delete(self.prefix + key)

    async def is_up(self, within: float = 2.0) -> bool:
        with anyio.move_on_after(within):
            try:
                return bool(await self.client.ping())
            except (RedisError, OSError) as error:
                logger.debug("Redis health check failed: {!r}", error)
                return False
        return False


@asynccontextmanager
async def open_cache(settings: Settings, *, prefix: str = "shopbot:") -> AsyncIterator[Cache]:
    """Redis when REDIS_HOST is set (checked with a PING at start), else the memory cache."""
    if settings.redis_host is None:
        logger.info("cache: in-process (REDIS_HOST is not set)")
        yield MemoryCache()
        return
    password = settings.redis_password.get_secret_value() if settings.redis_password else None
    client = Redis(
        host=settings.redis_host,
        port=settings.redis_port,
        password=password,
        decode_responses=True,
        socket_connect_timeout=5,
        socket_timeout=5,
    )
    try:
        await client.ping()
        logger.info("cache: Redis at {}:{}", settings.redis_host, settings.redis_port)
        yield RedisCache(client, prefix)
    finally:
        with anyio.CancelScope(shield=True):
            await client.aclose()
