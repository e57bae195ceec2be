"""Every change made through the web admin's API is one transaction with its audit row.

piccolo_api runs its hooks (the rules and the audit row) and then the write as separate
statements; here a change request (POST, PATCH, PUT, DELETE under `/api/`) runs inside
one `runtime.db_transaction.atomic`, so the hooks' queries, the audit row and the write
commit together, and an answer of 400 or more (a rule refused it, the database did)
rolls them all back. The answer is held until the commit, so the admin never sees
"saved" for a change that did not commit. What must follow a committed change outside
the database (a channel post edited) is queued by the hooks with `after_commit` and run
after the commit and before the answer is sent, so "saved" means the post shows the
change too (a job that fails logs and leaves the post as it was); it never runs for a
change rolled back.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from piccolo.engine.base import Engine
from starlette.requests import Request

from runtime.db_transaction import atomic
from runtime.http_server import ASGIApp

CHANGES = frozenset({"POST", "PATCH", "PUT", "DELETE"})
#: Where the request's state keeps the jobs `after_commit` queued.
AFTER_COMMIT = "after_commit"

Job = Callable[[], Awaitable[None]]


def after_commit(request: Request, job: Job) -> None:
    """Run `job` after this change request committed (never when it rolls back)."""
    request.scope.setdefault("state", {}).setdefault(AFTER_COMMIT, []).append(job)


class _RollBack(Exception):
    """Raised inside the transaction when the answer is an error, to undo the change."""

    def __init__(self, status: int) -> None:
        super().__init__(f"answered {status}: rolled back")
        self.status = status


async def in_one_transaction(
    app: ASGIApp, engine: Engine[Any], scope: Any, receive: Any, send: Any
) -> None:
    """Run the change request `scope` in one transaction; send its answer after."""
    held: list[Any] = []
    jobs: list[Job] = scope.setdefault("state", {}).setdefault(AFTER_COMMIT, [])

    async def hold(message: Any) -> None:
        held.append(message)

    try:
        async with atomic(engine):
            await app(scope, receive, hold)
            status = next(
                (int(m["status"]) for m in held if m["type"] == "http.response.start"), 500
            )
            if status >= 400:
                raise _RollBack(status)
    except _RollBack:
        jobs.clear()
    for job in jobs:
        await job()
    for message in held:
        await send(message)
