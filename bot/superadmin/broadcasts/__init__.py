"""Broadcasts for superadmins: compose (text, photo, button, audience, preview, confirm),
control a running one from its progress message, and read the history.

Sending is the `broadcast_sender` actor's: a confirmed broadcast is a database row
first, then a `StartBroadcast` message to the actor.
"""

from __future__ import annotations

from bot.router import Router
from bot.superadmin.broadcasts import compose, controls, history

MENU = compose.MENU


def register(router: Router) -> None:
    compose.register(router)
    controls.register(router)
    history.register(router)
