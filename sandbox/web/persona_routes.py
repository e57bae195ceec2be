"""Who a visitor can be: the personas' list and adding a shopper."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from sandbox.personas import Persona
from sandbox.web.bodies import json_object, text_field
from sandbox.world import SandboxWorld


def persona_json(persona: Persona) -> dict[str, object]:
    return {
        "id": persona.user_id,
        "name": persona.first_name,
        "language": persona.language,
        "role": persona.role.value,
        "phone": persona.phone,
    }


def persona_routes(world: SandboxWorld) -> list[Route]:
    async def list_personas(request: Request) -> JSONResponse:
        return JSONResponse([persona_json(p) for p in world.personas])

    async def add_shopper(request: Request) -> JSONResponse:
        body = await json_object(request)
        name, language = text_field(body, "name"), text_field(body, "language")
        try:
            persona = world.add_shopper(name, language)
        except ValueError as bad:
            raise HTTPException(400, str(bad)) from None
        return JSONResponse(persona_json(persona), status_code=201)

    return [
        Route("/api/personas", list_personas, methods=["GET"]),
        Route("/api/personas", add_shopper, methods=["POST"]),
    ]
