"""The web chat's ASGI application, served by the sandbox beside /health and /metrics.

`build_web_chat(world)` is the whole contract with `sandbox/run.py` (see sandbox/world.py).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from runtime.http_server import ASGIApp
from sandbox.world import SandboxWorld


def build_web_chat(world: SandboxWorld) -> ASGIApp:
    async def personas(request: Request) -> JSONResponse:
        return JSONResponse(
            [
                {"id": p.user_id, "name": p.first_name, "language": p.language, "role": p.role}
                for p in world.personas
            ]
        )

    return Starlette(routes=[Route("/api/personas", personas)])
