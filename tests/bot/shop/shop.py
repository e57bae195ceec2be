"""Building a test catalogue and reading what a shopper sees, for the storefront tests.

The app must be running (`running_bot`): it migrates the database and binds the
tables, so the builders write straight into the shop's database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from actors.updates.reader import callback_secret
from bot.callbacks import Callback, CallbackCodec
from config import Settings
from fake_telegram import BotMessage, SimulatedUser
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.clock import utcnow
from models.placeholder_photos import placeholder_png

CYRILLIC = re.compile("[А-Яа-яЁё]")
NBSP = "\u00a0"

Variant = tuple[str, int, str | None]  # size, stock, colour


@dataclass(frozen=True)
class BuiltProduct:
    id: int
    variant_ids: list[int]


async def add_category(name: str, *, position: int = 0, hidden: bool = False) -> int:
    category = Category(name=name, position=position, is_hidden=hidden)
    await category.save().run()
    return int(category.id)


async def add_product(
    category_id: int,
    title: str,
    *,
    price: int = 1_990_00,
    variants: Sequence[Variant] = (("M", 5, None),),
    photos: Sequence[Path] = (),
    description: str = "",
    available: bool = True,
) -> BuiltProduct:
    product = Product(
        category=category_id,
        title=title,
        description=description,
        price=price,
        is_available=available,
        created_at=utcnow(),
    )
    await product.save().run()
    variant_ids = []
    for size, stock, colour in variants:
        variant = ProductVariant(
            product=product.id,
            size=size,
            colour=colour,
            sku=f"T-{product.id}-{size}-{colour or ''}",
            stock=stock,
        )
        await variant.save().run()
        variant_ids.append(int(variant.id))
    for position, path in enumerate(photos):
        await ProductPhoto(product=product.id, position=position, source=str(path)).save().run()
    return BuiltProduct(int(product.id), variant_ids)


def photo_files(folder: Path, count: int) -> list[Path]:
    """`count` small PNG files in `folder`, each a different colour."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"photo-{index}.png"
        path.write_bytes(placeholder_png(60, 75, (40 * index % 256, 120, 200)))
        paths.append(path)
    return paths


def price(text: str) -> str:
    """A price as the bot writes it, from one typed with plain spaces ("1 990 ₽")."""
    return text.replace(" ", NBSP)


def labels(message: BotMessage) -> list[str]:
    return [label for row in message.buttons for label in row]


def label_starting(message: BotMessage, prefix: str) -> str:
    found = [label for label in labels(message) if label.startswith(prefix)]
    assert len(found) == 1, f"one button starting {prefix!r} expected in {labels(message)}"
    return found[0]


async def press_starting(user: SimulatedUser, prefix: str) -> list[BotMessage]:
    return await user.press(label_starting(user.last_message, prefix))


def action_of(settings: Settings, user_id: int, message: BotMessage, label: str) -> Callback:
    """The action and arguments behind a button, decoded as the bot will."""
    button = message.button(label)
    assert button is not None and button.data is not None, label
    callback = CallbackCodec(callback_secret(settings)).decode(user_id, button.data)
    assert callback is not None
    return callback


def forged(settings: Settings, user_id: int, action: str, *args: int | str) -> bytes:
    """Well-signed data for `user_id`, whatever its arguments: what a tampered client of
    that user could send."""
    return CallbackCodec(callback_secret(settings)).sign(user_id, action, *args).encode()
