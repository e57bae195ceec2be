"""Apply pending Piccolo migrations in-process, with Piccolo's own forwards machinery.

`run_forwards("all")` is what `piccolo migrations forwards all` runs: it creates the
`migration` bookkeeping table when missing, then runs, in order and each in its own
transaction, the migrations of every app in `APP_REGISTRY` that are not recorded yet.
It reaches the database through `engine_finder()`, so bind the engine first
(`runtime.db_binding.bind_engine`).
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout

from loguru import logger
from piccolo.apps.migrations.commands.forwards import run_forwards


class MigrationError(RuntimeError):
    """Piccolo reported that a migration did not succeed."""


async def apply_migrations() -> None:
    """Run every pending migration; raise `MigrationError` if Piccolo reports failure.

    Piccolo reports progress with `print()`. It is captured and logged at DEBUG, so a
    bot's stdout stays clean; this swaps `sys.stdout` for the duration, which is fine at
    start-up, before other tasks run.
    """
    captured = io.StringIO()
    try:
        with redirect_stdout(captured):
            result = await run_forwards(app_name="all")
    finally:
        for line in captured.getvalue().splitlines():
            if line.strip():
                logger.debug("migrations: {}", line.strip())
    if not result.success:
        raise MigrationError(result.message or "a migration failed")
