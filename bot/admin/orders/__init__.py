"""The order desk: orders by status a page at a time, search by number or phone, the
card opened from there, and the card's moves (Cancel asks a reason, Shipped a tracking
number). Moves go to the order processor, which edits every admin's card of the order.
Registered through the admin package's router, so every route needs at least ADMIN."""

from bot.admin.orders import cancel, cards, desk, moves, search
from bot.router import Router


def register(router: Router) -> None:
    desk.register(router)
    cards.register(router)
    search.register(router)
    moves.register(router)
    cancel.register(router)
