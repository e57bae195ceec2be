"""A small demo catalogue, so a local run has something to show.

    python -m models.demo_catalogue [--photos DIR]

fills an empty catalogue (no categories yet) in the configured database (`.env`, as the
bot reads it; migrated first) with a few categories, products and variants, and
placeholder photos written as PNG files to DIR (default: `demo_photos` next to the
SQLite file). The demo shows what the shop handles: several sizes and colours, a sold-out
size, a product with an album of photos, one without photos, a product taken off sale and
a hidden category. A catalogue that already has categories is left alone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import anyio

from config import load_settings
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.clock import utcnow
from models.placeholder_photos import Colour, write_placeholder
from runtime.database import open_database
from runtime.db_transaction import atomic


@dataclass(frozen=True)
class DemoVariant:
    size: str
    stock: int
    colour: str | None = None


@dataclass(frozen=True)
class DemoProduct:
    title: str
    description: str
    price: int  # kopecks
    variants: tuple[DemoVariant, ...]
    photo_colours: tuple[Colour, ...] = ()
    is_available: bool = True


@dataclass(frozen=True)
class DemoCategory:
    name: str
    products: tuple[DemoProduct, ...] = ()
    is_hidden: bool = False


WHITE, BLACK, NAVY, SAND, OLIVE, GREY = (
    (235, 235, 230),
    (40, 40, 45),
    (35, 55, 110),
    (205, 180, 140),
    (110, 120, 70),
    (140, 140, 150),
)

DEMO_CATALOGUE = (
    DemoCategory(
        "Футболки",
        (
            DemoProduct(
                "Футболка базовая",
                "Плотный хлопок 180 г/м², прямой крой. Не садится после стирки.",
                1_990_00,
                (
                    DemoVariant("S", 5, "белый"),
                    DemoVariant("M", 8, "белый"),
                    DemoVariant("L", 3, "белый"),
                    DemoVariant("XL", 0, "белый"),
                    DemoVariant("M", 4, "чёрный"),
                ),
                (WHITE, BLACK, GREY),
            ),
            DemoProduct(
                "Футболка оверсайз",
                "Свободный силуэт, спущенное плечо.",
                2_490_00,
                (DemoVariant("M", 6), DemoVariant("L", 2)),
                (SAND,),
            ),
            DemoProduct(
                "Футболка с принтом",
                "Лимитированная серия, снята с продажи.",
                2_990_00,
                (DemoVariant("M", 3),),
                (NAVY,),
                is_available=False,
            ),
        ),
    ),
    DemoCategory(
        "Худи и свитшоты",
        (
            DemoProduct(
                "Худи с капюшоном",
                "Футер с начёсом, капюшон на завязках, карман-кенгуру.",
                4_990_00,
                (DemoVariant("S", 2, "серый"), DemoVariant("M", 5, "серый"), DemoVariant("L", 1)),
                (GREY, NAVY),
            ),
            DemoProduct(
                "Свитшот",
                "Классический свитшот из хлопка.",
                3_490_00,
                (DemoVariant("M", 4, "оливковый"), DemoVariant("L", 4, "оливковый")),
                (OLIVE,),
            ),
        ),
    ),
    DemoCategory(
        "Аксессуары",
        (
            DemoProduct("Кепка", "Регулируемый размер.", 1_290_00, (DemoVariant("One size", 10),)),
            DemoProduct(
                "Носки, 3 пары",
                "Хлопок с эластаном.",
                690_00,
                (DemoVariant("36–38", 10), DemoVariant("39–41", 10), DemoVariant("42–44", 0)),
                (WHITE,),
            ),
        ),
    ),
    DemoCategory(
        "Архив",
        (DemoProduct("Ветровка прошлого сезона", "", 5_990_00, (DemoVariant("M", 1),)),),
        is_hidden=True,
    ),
)


async def seed_demo_catalogue(
    photos_dir: Path, catalogue: tuple[DemoCategory, ...] = DEMO_CATALOGUE
) -> bool:
    """Write the demo catalogue into an empty one, in one transaction; False (and
    nothing written) when the catalogue already has categories."""
    async with atomic(Category._meta.db):
        if await Category.count().run():
            return False
        sku = 0
        for position, demo_category in enumerate(catalogue, 1):
            category = Category(
                name=demo_category.name, position=position, is_hidden=demo_category.is_hidden
            )
            await category.save().run()
            for demo in demo_category.products:
                product = Product(
                    category=category.id,
                    title=demo.title,
                    description=demo.description,
                    price=demo.price,
                    is_available=demo.is_available,
                    created_at=utcnow(),
                )
                await product.save().run()
                for variant in demo.variants:
                    sku += 1
                    await (
                        ProductVariant(
                            product=product.id,
                            size=variant.size,
                            colour=variant.colour,
                            sku=f"DEMO-{sku:04d}",
                            stock=variant.stock,
                        )
                        .save()
                        .run()
                    )
                for index, colour in enumerate(demo.photo_colours):
                    path = photos_dir / f"product-{product.id}-{index + 1}.png"
                    source = await anyio.to_thread.run_sync(write_placeholder, path, colour)
                    await (
                        ProductPhoto(product=product.id, position=index, source=str(source))
                        .save()
                        .run()
                    )
    return True


async def _seed_configured_database(photos_dir: Path | None) -> bool:
    settings = load_settings()
    async with open_database(settings) as _engine:
        folder = photos_dir or settings.sqlite_path.parent / "demo_photos"
        return await seed_demo_catalogue(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--photos", type=Path, help="where to write the placeholder photos")
    arguments = parser.parse_args(argv)
    seeded = anyio.run(partial(_seed_configured_database, arguments.photos), backend="asyncio")
    if not seeded:
        print("The catalogue already has categories; nothing was added.")
        return 1
    print("The demo catalogue was added.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
