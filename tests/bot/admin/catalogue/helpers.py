"""Playing an admin through the catalogue back office, for the catalogue tests.

The app must be running (`running_bot`). Catalogue data is typed in Latin letters, so
any Cyrillic an English reader sees is the bot's.
"""

from __future__ import annotations

from fake_telegram import FakeTelegram, SimulatedUser
from models.admins import AuditLog
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.placeholder_photos import placeholder_png
from tests.bot.checkout.shop import ENGLISH_ADMIN


def pngs(count: int) -> list[bytes]:
    """`count` small different pictures."""
    return [placeholder_png(60, 75, (40 * index % 256, 120, 200)) for index in range(count)]


async def english_admin(tg: FakeTelegram) -> SimulatedUser:
    """The English admin, at the catalogue's screen."""
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/admin")
    assert admin.last_message.text == "Shop management"
    await admin.press("🗂 Catalogue")
    return admin


async def create_category(admin: SimulatedUser, name: str) -> None:
    """From the catalogue's screen, a new category; ends on the category's screen."""
    await admin.press("➕ New category")
    assert admin.last_message.text == "Type the category's name (up to 64 characters)."
    await admin.send(name)
    assert admin.last_message.text.startswith(f"Category “{name}” (shown to shoppers)")


async def create_tee(admin: SimulatedUser, *, photos: int = 3, stock: str = "3 5") -> None:
    """From a category's screen: "Basic tee", 1 990, sizes S and M in white, an album of
    `photos` photos, then `stock`."""
    await admin.press("➕ Add a product")
    await admin.send("Basic tee")
    await admin.send("Heavy cotton.")
    await admin.send("1 990")
    await admin.send("S, M")
    await admin.send("white")
    if photos:
        await admin.send_album(pngs(photos))
    await admin.press("✅ Done")
    assert admin.last_message.text.startswith("How many are in stock?")
    assert admin.last_message.text.endswith("in this order: S / white, M / white.")
    await admin.send(stock)


async def the_product() -> Product:
    products = await Product.objects()
    assert len(products) == 1
    return products[0]


async def variants_of(product_id: int) -> list[dict[str, object]]:
    return await (
        ProductVariant.select(
            ProductVariant.size, ProductVariant.colour, ProductVariant.sku, ProductVariant.stock
        )
        .where(ProductVariant.product == product_id)
        .order_by(ProductVariant.id)
    )


async def photo_ids_of(product_id: int) -> list[str | None]:
    rows = await (
        ProductPhoto.select(ProductPhoto.file_id)
        .where(ProductPhoto.product == product_id)
        .order_by(ProductPhoto.position)
    )
    return [row["file_id"] for row in rows]


async def catalogue_state() -> dict[str, object]:
    """Everything the catalogue back office can change, to compare before and after."""
    return {
        "categories": await Category.select().order_by(Category.id),
        "products": await Product.select().order_by(Product.id),
        "variants": await ProductVariant.select().order_by(ProductVariant.id),
        "photos": await ProductPhoto.select().order_by(ProductPhoto.id),
        "audit": await AuditLog.count(),
    }
