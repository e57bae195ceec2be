"""The bot as a separate process (`python -m fake_telegram.remote_bot`) on a fake Telegram
served from the test process, so the bot can be killed and Telegram remembers."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO

import anyio
from anyio.abc import Process

from config import Settings

ROOT = Path(__file__).resolve().parents[4]


def bot_environment(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a bot process: these settings only (none of the developer's)."""
    names = {name.upper() for name in Settings.model_fields}
    environment = {k: v for k, v in os.environ.items() if k.upper() not in names}
    environment.update(
        {
            "PYTHONPATH": str(ROOT),
            "POSTGRES_HOST": settings.postgres_host or "",
            "POSTGRES_PORT": str(settings.postgres_port),
            "POSTGRES_USER": settings.postgres_user,
            "POSTGRES_DB": settings.postgres_db,
            "DB_POOL_SIZE": "2",
            "SUPERADMIN_IDS": ",".join(str(i) for i in settings.superadmin_ids),
            "ADMIN_IDS": ",".join(str(i) for i in settings.admin_ids),
            "BROADCAST_RATE": f"{settings.broadcast_rate:g}",
            "BROADCAST_PAID": "true" if settings.broadcast_paid else "false",
            "HTTP_PORT": "0",
            "LOG_FILE_PATH": "",
            "LOG_LEVEL": "INFO",
        }
    )
    environment.update(extra)
    return environment


@asynccontextmanager
async def bot_process(
    address: str, environment: dict[str, str], workdir: Path, name: str
) -> AsyncIterator[Process]:
    """A running bot process; killed (SIGKILL) if the block leaves it running."""
    log: IO[bytes] = (workdir / f"{name}.log").open("wb")
    process = await anyio.open_process(
        [sys.executable, "-m", "fake_telegram.remote_bot", "--connect", address],
        cwd=workdir,
        env=environment,
        stdout=log,
        stderr=log,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
        with anyio.CancelScope(shield=True):
            await process.wait()
        log.close()


async def stop_gracefully(process: Process) -> int:
    process.send_signal(signal.SIGTERM)
    with anyio.fail_after(15):
        return await process.wait()
