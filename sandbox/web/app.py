"""The web chat's ASGI application, served by the sandbox beside /health and /metrics.

`build_web_chat(world)` is the whole contract with `sandbox/run.py` (see sandbox/world.py).
The page (`static/`: plain HTML, CSS and JavaScript, no build step, nothing fetched from
elsewhere) talks to the JSON API below it: personas, chats, actions, files, events.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from runtime.http_server import ASGIApp
from sandbox.web.action_routes import action_routes
from sandbox.web.chat_routes import chat_routes
from sandbox.web.event_routes import event_routes
from sandbox.web.media_routes import media_routes
from sandbox.web.persona_routes import persona_routes
from sandbox.world import SandboxWorld, UnknownPersona

STATIC = Path(__file__).parent / "static"


async def _page(request: Request) -> FileResponse:
    return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


async def _unknown_persona(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": str(exc)}, status_code=404)


async def _bot_too_slow(request: Request, exc: Exception) -> Response:
    return JSONResponse({"error": f"the bot did not answer in time: {exc}"}, status_code=504)


def build_web_chat(world: SandboxWorld) -> ASGIApp:
    routes: list[BaseRoute] = [
        Route("/", _page, methods=["GET"]),
        *persona_routes(world),
        *chat_routes(world),
        *action_routes(world),
        *media_routes(world),
        *event_routes(world),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={
            HTTPException: _http_error,
            UnknownPersona: _unknown_persona,
            TimeoutError: _bot_too_slow,
        },
    )
