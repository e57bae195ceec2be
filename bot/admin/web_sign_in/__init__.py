"""`/web`: a one-time link that signs an admin in to the web admin (`web_admin/`).

The package is registered under the admins' router, so a shopper's `/web` gets the
router's polite refusal and nothing is made."""

from bot.admin.web_sign_in import link
from bot.router import Router


def register(router: Router) -> None:
    link.register(router)
