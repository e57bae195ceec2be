"""The bytes of photos and documents the fake Telegram holds (what bubbles show)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sandbox.world import SandboxWorld

#: The fake keeps what the bot uploaded, whatever Telegram would have re-encoded: a
#: photo stored as "image/jpeg" may hold PNG bytes, so the type is read from them.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
)


def media_type(data: bytes, stored_type: str) -> str:
    """The type of `data` by its first bytes (PNG, JPEG, GIF, WebP), else `stored_type`."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), stored_type)


def media_routes(world: SandboxWorld) -> list[Route]:
    async def file(request: Request) -> Response:
        stored = world.telegram.world.files.get(request.path_params["file_id"])
        if stored is None:
            raise HTTPException(404, "no such file")
        return Response(
            stored.data,
            media_type=media_type(stored.data, stored.mime_type),
            # a stored file never changes: its id names these bytes
            headers={
                "Cache-Control": "private, max-age=86400, immutable",
                "X-Content-Type-Options": "nosniff",
            },
        )

    return [Route("/api/files/{file_id:int}", file, methods=["GET"])]
