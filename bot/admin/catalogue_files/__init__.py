"""Import and export in the back office: the catalogue as a CSV file both ways, orders
as a CSV file (by period and status). Every route needs ADMIN (set by `bot.admin`).

An admin imports by sending any `.csv` document (no button needed first: the section's
"How to import" only explains the format); a shopper who sends one is refused by the
router like any admin action.
"""

from bot.admin.catalogue_files import exporting, importing, menu
from bot.router import Router


def register(router: Router) -> None:
    menu.register(router)
    exporting.register(router)
    importing.register(router)
