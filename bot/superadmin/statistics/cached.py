"""The figures through the cache: computed at most once per 5 minutes, or on Refresh.

The cache is the project's (`runtime.cache`): Redis, or the in-process cache without
it. While Redis is unreachable the cache itself answers from process memory; should a
cache still fail here, the figures are computed live and the screen shows them as
usual (nothing alarming: the outage is the cache's to report, and it does).

The key names the database, so bots of two shops sharing one Redis never show each
other's figures.
"""

from __future__ import annotations

import hashlib

from loguru import logger
from pydantic import TypeAdapter, ValidationError

from config import Settings
from models.statistics import Statistics, compute_statistics
from runtime.cache import REDIS_DOWN, Cache

TTL = 300.0
SCHEMA = "v1"  # bump when `Statistics` changes shape: older cached figures are ignored
_CODEC: TypeAdapter[Statistics] = TypeAdapter(Statistics)


def cache_key(settings: Settings) -> str:
    if settings.postgres_host is not None:
        where = f"pg:{settings.postgres_host}:{settings.postgres_port}/{settings.postgres_db}"
    else:
        where = f"sqlite:{settings.sqlite_path.resolve()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:16]
    return f"statistics:{SCHEMA}:{digest}"


async def _cached(cache: Cache, key: str) -> Statistics | None:
    try:
        raw = await cache.get(key)
    except REDIS_DOWN as error:
        logger.debug("statistics: cache unreadable ({!r}); computing live", error)
        return None
    if raw is None:
        return None
    try:
        return _CODEC.validate_json(raw)
    except ValidationError:
        logger.warning("statistics: cached figures unreadable; computing them again")
        return None


async def _store(cache: Cache, key: str, figures: Statistics) -> None:
    try:
        await cache.set(key, _CODEC.dump_json(figures).decode(), TTL)
    except REDIS_DOWN as error:
        logger.debug("statistics: cache unwritable ({!r}); figures not kept", error)


async def get_statistics(cache: Cache, settings: Settings, *, fresh: bool = False) -> Statistics:
    """The figures from the cache when younger than `TTL`, else (or when `fresh`)
    computed now and cached."""
    key = cache_key(settings)
    if not fresh:
        figures = await _cached(cache, key)
        if figures is not None:
            return figures
    figures = await compute_statistics()
    await _store(cache, key, figures)
    return figures
