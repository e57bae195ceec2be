"""A route's Kurigram filter as one plain async check, made once when the route is added.

Kurigram's `&`, `|` and `~` build a tree of `AndFilter`, `OrFilter` and `InvertFilter`
that asks `inspect.iscoroutinefunction` of both its parts on every call (a synchronous
part runs in the client's thread pool), and nests one coroutine per operator. The
router tries its message routes in order for every message, so that was paid for every
route tried. `compiled` asks once: a tree whose parts are all async becomes one check
that awaits them in order, with the same short-circuits; anything else (a synchronous
custom filter somewhere in it) stays Kurigram's own filter, called as Kurigram calls it.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from pyrogram.filters import AndFilter, Filter, InvertFilter, OrFilter

Check = Callable[[Any, Any], Awaitable[Any]]


def compiled(filter: Filter) -> Check:
    """One check answering as `filter` does (truthy when Kurigram's would be)."""
    if not _all_async(filter):
        return filter
    return _check_of(filter)


def _all_async(filter: Filter) -> bool:
    if isinstance(filter, AndFilter | OrFilter):
        return _all_async(filter.base) and _all_async(filter.other)
    if isinstance(filter, InvertFilter):
        return _all_async(filter.base)
    return inspect.iscoroutinefunction(filter.__call__)


def _check_of(filter: Filter) -> Check:
    if isinstance(filter, AndFilter):
        return _all_of(tuple(_check_of(part) for part in _parts(filter, AndFilter)))
    if isinstance(filter, OrFilter):
        return _any_of(tuple(_check_of(part) for part in _parts(filter, OrFilter)))
    if isinstance(filter, InvertFilter):
        return _none_of(_check_of(filter.base))
    return filter


def _parts(filter: Filter, kind: type[AndFilter] | type[OrFilter]) -> list[Filter]:
    """`a & b & c` as [a, b, c] (Kurigram nests it as ((a & b) & c))."""
    if isinstance(filter, kind):
        return _parts(filter.base, kind) + _parts(filter.other, kind)
    return [filter]


def _all_of(checks: tuple[Check, ...]) -> Check:
    async def all_of(client: Any, update: Any) -> Any:
        result: Any = True
        for check in checks:
            result = await check(client, update)
            if not result:
                return False
        return result

    return all_of


def _any_of(checks: tuple[Check, ...]) -> Check:
    async def any_of(client: Any, update: Any) -> Any:
        result: Any = False
        for check in checks:
            result = await check(client, update)
            if result:
                return result
        return result

    return any_of


def _none_of(check: Check) -> Check:
    async def none_of(client: Any, update: Any) -> bool:
        return not await check(client, update)

    return none_of
