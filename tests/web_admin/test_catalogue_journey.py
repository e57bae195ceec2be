"""The whole way: an admin asks the bot for `/web`, signs in to the web admin on the
bot's own HTTP port, creates a category, a product, a variant with stock and a photo
through the admin's HTTP API (session cookie and CSRF token as the page sends them);
a shopper in Telegram then finds the product, its photo uploaded from MEDIA_DIR once
and re-sent by file id, and the audit log names the admin for every change."""

from __future__ import annotations

import re
from pathlib import Path

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.catalogue import Product, ProductPhoto
from models.channel_posts import ChannelPost
from tests.bot.admin.channel.helpers import channel_screen, posts
from tests.bot.checkout.shop import ENGLISH_ADMIN, shop_settings
from tests.bot.shop.shop import (
    add_category,
    add_product,
    labels,
    photo_files,
    press_starting,
    price,
)
from tests.fixtures.app import running_bot
from tests.web_admin.browser import browser, create_row, csrf_headers, sign_in, upload_photo

TOKEN = re.compile(r"/admin-sign-in/(?P<token>[A-Za-z0-9_-]{40,})")
UPLOADS = ("upload.SaveFilePart", "upload.SaveBigFilePart", "messages.UploadMedia")


async def test_a_product_made_in_the_web_admin_is_in_the_shoppers_catalogue(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    settings = shop_settings(database, web_admin=True, media_dir=tmp_path / "media")
    async with running_bot(settings, fake_telegram) as bot:
        admin = fake_telegram.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
        await admin.send("/web")
        found = TOKEN.search(admin.last_message.text)
        assert found is not None

        async with browser(base_url=f"http://127.0.0.1:{bot.http_port}") as http:
            assert (await http.get("/admin/")).status_code == 303
            assert (await sign_in(http, found["token"])).status_code == 303
            assert (await http.get("/admin/")).status_code == 200
            category = await create_row(http, "categories", {"name": "Hoodies"})
            product = await create_row(
                http,
                "products",
                {"category_id": category, "title": "Web hoodie", "price": 4_500_00},
            )
            await create_row(
                http, "product_variants", {"product_id": product, "size": "M", "stock": 3}
            )
            picture = photo_files(tmp_path / "desktop", 1)[0].read_bytes()
            key = await upload_photo(http, picture)
            await create_row(http, "product_photos", {"product_id": product, "source": key})

        shopper = fake_telegram.user(5_002, lang="en", first_name="Bob")
        await shopper.send("/start")
        await shopper.press("🛍 Catalogue")
        await shopper.press("Hoodies")
        [card] = await press_starting(shopper, "Web hoodie")
        assert card.media_kind == "photo"
        assert card.caption is not None and card.caption.startswith("Web hoodie")
        assert "M" in labels(card)
        assert len(fake_telegram.requests_named(*UPLOADS)) >= 1  # the bytes, once
        [photo] = await ProductPhoto.select(ProductPhoto.file_id, ProductPhoto.source).run()
        assert photo["file_id"] and Path(photo["source"]).parent == (tmp_path / "media").resolve()

        actions = await AuditLog.select(AuditLog.actor_id, AuditLog.action).order_by(AuditLog.id)
        assert actions == [
            {"actor_id": ENGLISH_ADMIN, "action": "web.sign_in"},
            *(
                {"actor_id": ENGLISH_ADMIN, "action": f"web.{table}.create"}
                for table in ("categories", "products", "product_variants", "product_photos")
            ),
        ]
    fake_telegram.assert_no_handler_errors()


async def test_a_product_deleted_in_the_web_admin_takes_its_channel_post_down(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    channel = fake_telegram.add_channel("Shop", username="shop_channel")
    settings = shop_settings(
        database, web_admin=True, media_dir=tmp_path / "media", channel_id=channel.chat_id
    )
    async with running_bot(settings, fake_telegram) as bot:
        tees = await add_category("Tees")
        tee = await add_product(tees, "Basic tee", variants=[("M", 3, None)])
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Basic tee")
        assert len(posts(fake_telegram, channel.chat_id)) == 1

        await admin.send("/web")
        found = TOKEN.search(admin.last_message.text)
        assert found is not None
        async with browser(base_url=f"http://127.0.0.1:{bot.http_port}") as http:
            assert (await sign_in(http, found["token"])).status_code == 303
            deleted = await http.delete(
                f"/admin/api/tables/products/{tee.id}/", headers=await csrf_headers(http)
            )
            assert deleted.status_code == 204, deleted.text

        assert posts(fake_telegram, channel.chat_id) == []
        assert await ChannelPost.count().run() == 0
        assert await Product.count().run() == 0
        last = (
            await AuditLog.select(AuditLog.action, AuditLog.target)
            .order_by(AuditLog.id, ascending=False)
            .first()
        )
        assert last == {"action": "product.delete", "target": str(tee.id)}
    fake_telegram.assert_no_handler_errors()


async def test_a_published_products_post_follows_its_changes_in_the_web_admin(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    channel = fake_telegram.add_channel("Shop", username="shop_channel")
    settings = shop_settings(
        database, web_admin=True, media_dir=tmp_path / "media", channel_id=channel.chat_id
    )
    async with running_bot(settings, fake_telegram) as bot:
        tees = await add_category("Tees")
        tee = await add_product(tees, "Basic tee", price=1_990_00, variants=[("M", 3, None)])
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Basic tee")
        await admin.send("/web")
        found = TOKEN.search(admin.last_message.text)
        assert found is not None

        # Telegram answering in 50 ms: the answer to a change must still come after the
        # post's edit (the edit is not left racing the admin's next look).
        fake_telegram.latency = 0.05
        async with browser(base_url=f"http://127.0.0.1:{bot.http_port}") as http:
            assert (await sign_in(http, found["token"])).status_code == 303
            changed = await http.patch(
                f"/admin/api/tables/products/{tee.id}/",
                json={"title": "Better tee", "price": 2_500_00},
                headers=await csrf_headers(http),
            )
            assert changed.status_code == 200, changed.text
            [post] = posts(fake_telegram, channel.chat_id)
            assert post.text is not None and post.text.startswith("Better tee")
            assert price("2 500 ₽") in post.text

            await create_row(
                http, "product_variants", {"product_id": tee.id, "size": "XL", "stock": 2}
            )
            [post] = posts(fake_telegram, channel.chat_id)
            assert post.text is not None and "M, XL" in post.text
    fake_telegram.assert_no_handler_errors()
