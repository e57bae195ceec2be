"""Admins import the catalogue by sending a CSV file and export the catalogue and orders
as CSV documents; the order processor applies imports; nobody else changes anything."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.admins import AuditLog
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.clock import utcnow
from models.orders import CONFIRMED, DeliveryDetails, Order, OrderLine, place_order
from tests.bot.checkout.shop import ENGLISH_ADMIN, SUPERADMIN, shop_settings
from tests.bot.shop.shop import forged
from tests.fixtures.app import running_bot
from tests.fixtures.catalogue_files import catalogue_rows, csv_bytes, sku
from tests.models.factories import make_user

SHOPPER = 8101
NOT_ALLOWED_EN = "This action is not available to you."


async def counts() -> tuple[int, int, int, int]:
    return (
        await Category.count(),
        await Product.count(),
        await ProductVariant.count(),
        await ProductPhoto.count(),
    )


async def stocks() -> dict[str, int]:
    rows = await ProductVariant.select(ProductVariant.sku, ProductVariant.stock)
    return {row["sku"]: int(row["stock"]) for row in rows}


async def audit_actions() -> list[str]:
    rows = await AuditLog.select(AuditLog.action).order_by(AuditLog.id)
    return [row["action"] for row in rows]


async def english_admin(tg: FakeTelegram) -> SimulatedUser:
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/start")
    return admin


async def open_section(admin: SimulatedUser, *, russian: bool = False) -> None:
    await admin.send("/admin")
    await admin.press("📁 Импорт и экспорт" if russian else "📁 Import and export")


def document_rows(message: BotMessage) -> list[list[str]]:
    assert message.media_kind == "document"
    assert message.file is not None
    data = message.file.data
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


async def test_a_russian_admin_imports_a_thousand_variant_excel_file(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = fake_telegram.user(SUPERADMIN, lang="ru", first_name="Ольга")
        await open_section(admin, russian=True)
        await admin.press("📥 Как загрузить каталог")
        assert "артикул" in admin.last_message.text

        excel = csv_bytes(catalogue_rows(1000), delimiter=";", bom=True)
        replies = await admin.send_document(excel, "каталог.csv", mime_type="text/csv")

        assert [m.text for m in replies] == [
            "Проверяю файл…",
            "Файл в порядке (1000 строк). Загружаю…",
            "✅ Каталог загружен (1000 строк).\n"
            "Категорий создано: 25\n"
            "Товаров создано: 250, изменено: 0\n"
            "Вариантов создано: 1000, изменено: 0",
        ]
        assert await counts() == (25, 250, 1000, 500)
        assert await audit_actions() == ["catalogue.import"]


async def test_a_file_with_lines_7_and_500_broken_changes_nothing_and_names_both(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await admin.send_document(csv_bytes(catalogue_rows(40)), "shop.csv")
        before = (await counts(), await stocks())

        rows = catalogue_rows(1000, stock=9)
        rows[5][3] = "cheap"  # line 7 (the header is line 1)
        rows[498][6] = "SKU 42"  # line 500
        replies = await admin.send_document(csv_bytes(rows), "shop.csv")

        assert replies[-1].text == (
            "❌ The file was not imported; nothing changed. Lines with errors: 2.\n\n"
            "• line 7: the price must be a number like 1990 or 1990.50\n"
            "• line 500: a SKU has no spaces and at most 64 characters"
        )
        assert (await counts(), await stocks()) == before
        assert await audit_actions() == ["catalogue.import"]  # the first file only


async def test_re_import_updates_stock_by_sku(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        rows = catalogue_rows(40)
        await admin.send_document(csv_bytes(rows), "shop.csv")
        rows[0][7], rows[1][7] = "0", "25"
        replies = await admin.send_document(csv_bytes(rows), "shop.csv")

        assert replies[-1].text.endswith("Variants created: 0, updated: 2")
        assert (await stocks())[sku(0)] == 0
        assert (await stocks())[sku(1)] == 25
        assert await counts() == (1, 10, 40, 20)


async def test_the_exported_catalogue_re_imports_to_the_same_catalogue(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await admin.send_document(csv_bytes(catalogue_rows(60), delimiter=";"), "shop.csv")
        before = (await counts(), await stocks())

        await open_section(admin)
        exported = await admin.press("📤 Export the catalogue")
        document = exported[-1]
        assert document.caption == "Catalogue: 60 lines (variants)."
        lines = document_rows(document)
        assert len(lines) == 61
        assert lines[0][:3] == ["category", "product", "description"]
        assert document.file is not None

        replies = await admin.send_document(document.file.data, "edited.csv")
        assert replies[-1].text.endswith(
            "Products created: 0, updated: 0\nVariants created: 0, updated: 0"
        )
        assert (await counts(), await stocks()) == before
        assert await audit_actions() == [
            "catalogue.import",
            "catalogue.export",
            "catalogue.import",
        ]


async def test_orders_are_exported_by_period_and_status(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        admin = await english_admin(fake_telegram)
        await admin.send_document(csv_bytes(catalogue_rows(4, stock=10)), "shop.csv")
        variant = int((await ProductVariant.select(ProductVariant.id))[0]["id"])
        buyer = await make_user(SHOPPER)
        delivery = DeliveryDetails("=HYPERLINK(1)", "+79990000001", "pickup")
        new, confirmed, old = [
            await place_order(buyer, delivery, lines=[OrderLine(variant, 1)]) for _ in range(3)
        ]
        await Order.update({Order.status: CONFIRMED}).where(Order.id == confirmed)
        month_ago = utcnow() - timedelta(days=40)
        await Order.update({Order.created_at: month_ago}).where(Order.id == old)

        await open_section(admin)
        await admin.press("📤 Export orders")
        await admin.press("30 days")
        everything = await admin.press("Any status")
        await admin.press("⬅ Back")  # the status screen stays for another export
        await admin.press("All time")
        only_confirmed = await admin.press("confirmed")

        month = document_rows(everything[-1])
        assert month[0][:3] == ["order", "created_at", "status"]
        assert [int(row[0]) for row in month[1:]] == [new, confirmed]
        assert month[1][6] == "'=HYPERLINK(1)"  # never a formula in Excel
        assert month[1][11] == "Футболка 0 (S) x 1"
        assert [int(row[0]) for row in document_rows(only_confirmed[-1])[1:]] == [confirmed]
        assert everything[-1].caption == "Orders (30 days, Any status): 2."
        assert (await audit_actions())[-2:] == ["orders.export", "orders.export"]


async def test_a_shopper_sending_a_csv_or_replaying_the_buttons_changes_nothing(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(database)
    async with running_bot(settings, fake_telegram):
        shopper = fake_telegram.user(SHOPPER, lang="en", first_name="Sam")
        await shopper.send("/start")
        replies = await shopper.send_document(csv_bytes(catalogue_rows(8)), "shop.csv")
        assert [m.text for m in replies] == [NOT_ALLOWED_EN]

        for action, args in (
            ("files.menu", ()),
            ("files.import", ()),
            ("files.cat", ()),
            ("files.ord", ()),
            ("files.ord.p", ("all",)),
            ("files.ord.x", ("all", "any")),
        ):
            shown = await shopper.press_forged(forged(settings, SHOPPER, action, *args))
            assert shown == []
            assert shopper.last_answer is not None
            assert shopper.last_answer.answer_text == NOT_ALLOWED_EN
        assert not [m for m in shopper.messages if m.media_kind == "document"]
        assert await counts() == (0, 0, 0, 0)
        assert await audit_actions() == []
