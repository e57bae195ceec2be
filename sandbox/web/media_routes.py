"""The bytes of photos and documents the fake Telegram holds (what bubbles show)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.world import SandboxWorld


def media_routes(world: SandboxWorld) -> list[Route]:
    async def file(request: Request) -> Response:
        stored = world.telegram.world.files.get(request.path_params["file_id"])
        if stored is None:
            raise HTTPException(404, "no such file")
        return Response(
            stored.data,
            media_type=stored.mime_type,
            # a stored file never changes: its id names these bytes
            headers={"Cache-Control": "private, max-age=86400, immutable"},
        )

    return [Route("/api/files/{file_id:int}", file, methods=["GET"])]
