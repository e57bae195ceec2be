"""A small key-value cache with expiry: Redis when REDIS_HOST is set, else in-process.

The statistics screen caches its figures here for 5 minutes, the update reader its
"you are banned" notices for an hour; the interface is what they need and nothing more.
Both kinds behave the same (tests run them side by side).

Redis is optional, so it is never required to start nor to keep going: with REDIS_HOST
set, `open_cache` gives a `ResilientCache`, which uses Redis while it answers and the
in-process cache while it does not (from the start, or from the first failed command),
reconnecting in the background with the `RetryPolicy`'s backoff (its `run()`, which the
app runs in the metrics collector). Its listeners hear
each fall-back and each return (the app turns them into alerts); `/health` reports it
as degraded, not down. What was cached in process while Redis was away is not copied
to Redis when it returns: cached values may be computed again, a notice may repeat.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

import anyio
from loguru import logger
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from config import Settings
from runtime.backoff import RetryPolicy

T = TypeVar("T")


class Cache(Protocol):
    kind: str

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, ttl: float) -> None: ...

    async def delete(self, key: str) -> None: ...

    async def is_up(self) -> bool: ...

    async def health(self) -> str:
        """ "up", "down" or "degraded (...)", for `/health`."""
        ...


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

    async def health(self) -> str:
        return "up"

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

    async def health(self) -> str:
        return "up" if await self.is_up() else "down"


#: What a failing Redis command raises (redis-py wraps most socket errors in RedisError).
REDIS_DOWN = (RedisError, OSError)
CacheState = Literal["up", "degraded"]


@dataclass(frozen=True)
class CacheChange:
    """The cache fell back to the in-process cache (`degraded`) or is on Redis again."""

    state: CacheState
    cause: str  # the Redis error that made it fall back


class ResilientCache:
    """Redis while it answers, the in-process cache while it does not.

    Commands go to Redis while the state is "up"; a command that fails there switches
    the state to "degraded" and is answered by the in-process cache, as are the commands
    after it, without waiting on Redis. `connect()` pings Redis once (at start);
    `run()` (one background task) pings again with backoff whenever degraded, until
    Redis answers: then "up".
    Give it a client that does not retry by itself (`retry=Retry(NoBackoff(), 0)`, as
    `open_cache` does): redis-py's default retries a failed command for seconds.
    """

    kind = "redis"

    def __init__(self, client: Redis, prefix: str, policy: RetryPolicy) -> None:
        self.redis = RedisCache(client, prefix)
        self.memory = MemoryCache()
        self.policy = policy
        self.state: CacheState = "up"
        self.cause = ""
        self._listeners: list[Callable[[CacheChange], None]] = []
        self._degraded = anyio.Event()
        self._changed = anyio.Event()

    def listen(self, listener: Callable[[CacheChange], None]) -> None:
        """Call `listener` at each change; at once if the cache is degraded already."""
        self._listeners.append(listener)
        if self.state == "degraded":
            listener(CacheChange("degraded", self.cause))

    async def get(self, key: str) -> str | None:
        return await self._either(lambda cache: cache.get(key))

    async def set(self, key: str, value: str, ttl: float) -> None:
        await self._either(lambda cache: cache.set(key, value, ttl))

    async def delete(self, key: str) -> None:
        await self._either(lambda cache: cache.delete(key))

    async def is_up(self) -> bool:
        return True  # degraded still serves: the in-process cache answers

    async def health(self) -> str:
        return "up" if self.state == "up" else "degraded (in-process cache)"

    async def wait_until(self, state: CacheState) -> None:
        while self.state != state:
            await self._changed.wait()

    async def connect(self) -> None:
        """Ping Redis once: "up" if it answers, else "degraded" (never raises for it)."""
        try:
            await self._ping()
        except REDIS_DOWN as error:
            self._fall_back(error)

    async def run(self) -> None:
        """Reconnect whenever degraded, until cancelled."""
        while True:
            await self._degraded.wait()
            await self.policy.call(self._ping, retry_if=lambda error: isinstance(error, REDIS_DOWN))
            self._degraded = anyio.Event()
            self._change(CacheChange("up", self.cause))
            logger.success("cache: Redis answers again; back on Redis")

    async def _ping(self) -> None:
        await self.redis.client.ping()

    async def _either(self, command: Callable[[Cache], Awaitable[T]]) -> T:
        if self.state == "up":
            try:
                return await command(self.redis)
            except REDIS_DOWN as error:
                self._fall_back(error)
        return await command(self.memory)

    def _fall_back(self, error: BaseException) -> None:
        if self.state == "degraded":
            return
        cause = f"{type(error).__name__}: {error}"
        logger.warning("cache: Redis unreachable ({}); using the in-process cache", cause)
        self._change(CacheChange("degraded", cause))
        self._degraded.set()

    def _change(self, change: CacheChange) -> None:
        self.state, self.cause = change.state, change.cause
        for listener in self._listeners:
            listener(change)
        self._changed.set()
        self._changed = anyio.Event()


def redis_client(settings: Settings, *, timeout: float, **options: Any) -> Redis:
    """A client for REDIS_HOST (which must be set), its password read from the secret,
    connecting and answering within `timeout` seconds; `options` go to redis-py."""
    if settings.redis_host is None:
        raise ValueError("REDIS_HOST is not set")
    password = settings.redis_password.get_secret_value() if settings.redis_password else None
    return Redis(
        host=settings.redis_host,
        port=settings.redis_port,
        password=password,
        socket_connect_timeout=timeout,
        socket_timeout=timeout,
        **options,
    )


@asynccontextmanager
async def open_cache(settings: Settings, *, prefix: str = "shopbot:") -> AsyncIterator[Cache]:
    """A `ResilientCache` when REDIS_HOST is set, else the memory cache. Never fails
    because Redis is down: the bot starts on the in-process cache and moves to Redis
    when it answers."""
    if settings.redis_host is None:
        logger.info("cache: in-process (REDIS_HOST is not set)")
        yield MemoryCache()
        return
    client = redis_client(
        settings,
        timeout=5,
        decode_responses=True,
        # One attempt per command: ResilientCache falls back at once and retries itself.
        retry=Retry(NoBackoff(), 0),
    )
    cache = ResilientCache(client, prefix, RetryPolicy.up_to(settings.retry_max_wait))
    try:
        await cache.connect()
        if cache.state == "up":
            logger.info("cache: Redis at {}:{}", settings.redis_host, settings.redis_port)
        yield cache
    finally:
        with anyio.CancelScope(shield=True):
            await client.aclose()
