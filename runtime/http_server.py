"""An embedded uvicorn server for the bot's own HTTP endpoints.

Two things differ from `uvicorn.run`: uvicorn's `serve()` installs its own
SIGTERM/SIGINT handlers and re-raises the signal afterwards (here `main.py` owns the
signals, so that is switched off), and the socket is bound here, so a taken port is
an `OSError` for the caller rather than uvicorn's `sys.exit`.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Any

import anyio
import uvicorn

ASGIApp = Callable[[Any, Any, Any], Awaitable[None]]


@dataclass(frozen=True)
class HttpMount:
    """An ASGI app served beside `/health` and `/metrics` on the bot's HTTP port, under
    `path` ("/admin"; "" takes every path the others do not). Mounted as Starlette's
    `Mount` does: the app sees `root_path` set to the prefix."""

    path: str
    app: ASGIApp


class EmbeddedServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)


async def serve_http(app: Any, sock: socket.socket, stop: anyio.Event) -> None:
    """Serves `app` on the bound `sock` until `stop` is set, then closes it."""
    config = uvicorn.Config(app, lifespan="off", log_config=None, access_log=False)
    server = EmbeddedServer(config)
    async with anyio.create_task_group() as tasks:
        tasks.start_soon(server.serve, [sock])
        await stop.wait()
        server.should_exit = True
