"""Changes made in the web admin follow the bot's rules: texts cleaned, prices and stock
from 0, stock set only when a variant is made, records read-only, deletes refused where
the bot refuses them; and every change leaves an audit row naming the admin."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import pytest

from config import Settings
from models.admins import AuditLog
from models.catalogue import Category, Product, ProductPhoto, ProductVariant
from models.clock import utcnow
from models.web_sign_in import create_sign_in_token
from runtime.database import DatabaseEngine
from tests.bot.shop.shop import photo_files
from tests.web_admin.browser import (
    ADMIN,
    browser,
    create_row,
    csrf_headers,
    sign_in,
    upload_photo,
    web_app,
    web_settings,
)


@pytest.fixture
async def http(
    db: DatabaseEngine, database: Settings, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    """An admin signed in to the web admin."""
    settings = web_settings(database, tmp_path / "media")
    async with browser(web_app(settings)) as client:
        assert (
            await sign_in(client, await create_sign_in_token(ADMIN, utcnow()))
        ).status_code == 303
        yield client


async def audit_actions() -> list[tuple[int, str, str]]:
    rows = await AuditLog.select().order_by(AuditLog.id).run()
    return [(int(row["actor_id"]), str(row["action"]), str(row["target"])) for row in rows]


async def patch(
    http: httpx.AsyncClient, table: str, row_id: int, values: dict[str, object]
) -> httpx.Response:
    return await http.patch(
        f"/admin/api/tables/{table}/{row_id}/", json=values, headers=await csrf_headers(http)
    )


async def delete(http: httpx.AsyncClient, table: str, row_id: int) -> httpx.Response:
    return await http.delete(
        f"/admin/api/tables/{table}/{row_id}/", headers=await csrf_headers(http)
    )


async def test_a_change_without_the_csrf_token_is_refused(http: httpx.AsyncClient) -> None:
    response = await http.post("/admin/api/tables/categories/", json={"name": "Tees"})
    assert response.status_code == 403
    assert await Category.count().run() == 0


async def test_texts_are_cleaned_and_numbers_checked(http: httpx.AsyncClient) -> None:
    category = await create_row(http, "categories", {"name": "  Tees\u0000  "})
    stored_category = await Category.objects().first().run()
    assert stored_category is not None and stored_category.name == "Tees"
    product = {
        "category_id": category,
        "title": "Tee\u200b",
        "description": "Soft.\r\n",
        "price": 990_00,
    }
    product_id = await create_row(http, "products", product)
    stored = await Product.objects().where(Product.id == product_id).first().run()
    assert stored is not None
    assert (stored.title, stored.description) == ("Tee", "Soft.")

    negative = await http.post(
        "/admin/api/tables/products/",
        json={**product, "price": -1},
        headers=await csrf_headers(http),
    )
    assert negative.status_code == 422 and "price" in negative.text
    blank = await patch(http, "products", product_id, {"title": "   "})
    assert blank.status_code == 422
    assert await Product.count().run() == 1


async def test_stock_is_set_when_a_variant_is_made_and_never_edited_here(
    http: httpx.AsyncClient,
) -> None:
    category = await create_row(http, "categories", {"name": "Tees"})
    product = await create_row(
        http, "products", {"category_id": category, "title": "Tee", "price": 100}
    )
    below = await http.post(
        "/admin/api/tables/product_variants/",
        json={"product_id": product, "size": "M", "sku": "", "stock": -1},
        headers=await csrf_headers(http),
    )
    assert below.status_code == 422
    variant = await create_row(
        http, "product_variants", {"product_id": product, "size": "M", "sku": "", "stock": 4}
    )
    stored = await ProductVariant.objects().where(ProductVariant.id == variant).first().run()
    assert stored is not None
    assert (stored.stock, stored.sku) == (4, f"P{product}-M")

    changed = await patch(http, "product_variants", variant, {"stock": 40})
    assert changed.status_code == 422 and "in the bot" in changed.text
    same = await patch(http, "product_variants", variant, {"stock": 4, "size": "L"})
    assert same.status_code == 200, same.text
    stored = await ProductVariant.objects().where(ProductVariant.id == variant).first().run()
    assert stored is not None
    assert (stored.stock, stored.size) == (4, "L")
    in_stock = await delete(http, "product_variants", variant)
    assert in_stock.status_code == 422
    assert await ProductVariant.count().run() == 1


async def test_records_are_read_only_and_nothing_is_deleted_wholesale(
    http: httpx.AsyncClient,
) -> None:
    headers = await csrf_headers(http)
    for table in ("orders", "order_items", "users", "admins", "audit_log"):
        assert (await http.get(f"/admin/api/tables/{table}/")).status_code == 200
        made = await http.post(f"/admin/api/tables/{table}/", json={}, headers=headers)
        assert made.status_code == 405, table
    await create_row(http, "categories", {"name": "Tees"})
    wholesale = await http.delete("/admin/api/tables/categories/", headers=headers)
    assert wholesale.status_code == 405
    assert await Category.count().run() == 1


async def test_every_change_is_audited_as_the_admin_and_deletes_keep_the_bots_rules(
    http: httpx.AsyncClient, tmp_path: Path
) -> None:
    category = await create_row(http, "categories", {"name": "Tees"})
    product = await create_row(
        http, "products", {"category_id": category, "title": "Tee", "price": 100}
    )
    assert (await patch(http, "products", product, {"price": 250})).status_code == 200
    picture = photo_files(tmp_path / "upload", 1)[0].read_bytes()
    key = await upload_photo(http, picture)
    photo = await create_row(http, "product_photos", {"product_id": product, "source": key})
    stored = await ProductPhoto.objects().where(ProductPhoto.id == photo).first().run()
    assert stored is not None
    assert await anyio.Path(stored.source).is_file() and stored.file_id is None
    shown = await http.post(
        "/admin/api/media/generate-file-url/",
        json={"table_name": "product_photos", "column_name": "source", "file_key": stored.source},
        headers=await csrf_headers(http),
    )
    assert shown.status_code == 200, shown.text
    url = shown.json()["file_url"].removeprefix("./")
    preview = await http.get(f"/admin/{url}")
    assert preview.status_code == 200 and preview.content == picture

    not_empty = await delete(http, "categories", category)
    assert not_empty.status_code == 422 and "holds 1 products" in not_empty.text
    assert (await delete(http, "products", product)).status_code == 204
    assert (await delete(http, "categories", category)).status_code == 204

    assert (await audit_actions())[1:] == [
        (ADMIN, "web.categories.create", "Tees"),
        (ADMIN, "web.products.create", "Tee"),
        (ADMIN, "web.products.update", str(product)),
        (ADMIN, "web.product_photos.create", str(product)),
        (ADMIN, "product.delete", str(product)),
        (ADMIN, "category.delete", str(category)),
    ]
    update = (
        await AuditLog.select(AuditLog.details)
        .where(AuditLog.action == "web.products.update")
        .first()
        .run()
    )
    assert update is not None
    assert json.loads(update["details"]) == {"before": {"price": 100}, "after": {"price": 250}}


TABLES = [
    "categories",
    "products",
    "product_photos",
    "product_variants",
    "orders",
    "order_items",
    "users",
    "admins",
    "audit_log",
]


async def test_the_admins_page_finds_every_table_and_what_it_needs(
    http: httpx.AsyncClient,
) -> None:
    listed = await http.get("/admin/api/tables/")
    assert sorted(listed.json()) == sorted(TABLES)
    for path in ("/admin/api/tables/grouped/", "/admin/api/forms/", "/admin/public/meta/"):
        assert (await http.get(path)).status_code == 200, path
    for table in TABLES:
        for suffix in ("schema/", "?__page=1&__page_size=15", "count/", "new/"):
            response = await http.get(f"/admin/api/tables/{table}/{suffix}")
            assert response.status_code == 200, (table, suffix, response.text)


async def test_a_change_the_database_refuses_leaves_no_audit_row(http: httpx.AsyncClient) -> None:
    headers = await csrf_headers(http)
    orphan = {"product_id": 999_999, "size": "M", "stock": 1}
    refused = await http.post("/admin/api/tables/product_variants/", json=orphan, headers=headers)
    assert refused.status_code >= 400
    assert await ProductVariant.count().run() == 0
    assert [action for _, action, _ in await audit_actions()] == ["web.sign_in"]
