"""Deep links: `t.me/<bot>?start=p_<id>` opens product <id>'s card (channel posts use it).

Telegram delivers the link as `/start p_<id>`. `product_link` builds such a link for
whoever publishes products; `open_deep_link` answers one. Telegram allows a payload of
64 characters, so `<id>` may be any number: one beyond what an id can be names no
product and is answered as one not on sale, without asking the database.
"""

from __future__ import annotations

import re

from bot.context import Request
from bot.shop.card import send_product_card
from bot.shop.menu import send_menu
from models.ids import is_serial_id
from models.storefront import offered_product

PRODUCT_PAYLOAD = re.compile(r"p_(\d{1,64})")


def product_payload(product_id: int) -> str:
    return f"p_{product_id}"


def product_link(bot_username: str, product_id: int) -> str:
    return f"https://t.me/{bot_username}?start={product_payload(product_id)}"


def product_id_of(payload: str) -> int | None:
    """The product id a start payload names, or None when it names no product."""
    match = PRODUCT_PAYLOAD.fullmatch(payload)
    return int(match.group(1)) if match else None


async def open_deep_link(request: Request, payload: str) -> bool:
    """Answer `/start <payload>`; False when the payload is not a deep link we know (the
    caller then greets the user as for a plain /start)."""
    product_id = product_id_of(payload)
    if product_id is None:
        return False
    offered = await offered_product(product_id) if is_serial_id(product_id) else None
    if offered is None:
        await send_menu(request, request.t("menu.product_unavailable"))
    else:
        await send_product_card(request, offered)
    return True
