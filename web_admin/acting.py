"""Who is acting in a web admin request, and the error every rule raises.

The session gate (`web_admin.gate`) puts the signed-in admin's Telegram id in the
request's state; hooks and validators read it here, so audit rows name the same id the
bot's own audit rows do.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.requests import Request

#: The key the gate sets in the ASGI scope's `state`.
TELEGRAM_ID = "telegram_id"


def acting_admin(request: Request) -> int:
    """The Telegram id of the admin behind `request` (the gate let it through)."""
    telegram_id = request.scope.get("state", {}).get(TELEGRAM_ID)
    if not isinstance(telegram_id, int):
        raise HTTPException(status_code=401, detail="Sign in with /web in the bot.")
    return telegram_id


def refuse(detail: str, status: int = 422) -> HTTPException:
    """The error a rule raises: the admin's page shows `detail`."""
    return HTTPException(status_code=status, detail=detail)
