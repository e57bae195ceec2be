"""The web admin inside the sandbox: the admin persona's `/web` link signs in on the
sandbox's own port, a product made there with a photo reaches a shopper persona's
catalogue (issue 11: "an admin creates a product with a photo there and a sandbox
shopper sees it")."""

from __future__ import annotations

import re
from pathlib import Path

from sandbox.personas import ADMIN, ENGLISH_SHOPPER
from tests.bot.shop.shop import labels, photo_files, press_starting
from tests.fixtures.sandbox import running_sandbox, sandbox_base_settings
from tests.web_admin.browser import browser, create_row, sign_in, upload_photo

TOKEN = re.compile(r"/admin-sign-in/(?P<token>[A-Za-z0-9_-]{40,})")


async def test_a_product_made_in_the_sandboxs_web_admin_is_in_a_shopper_personas_catalogue(
    tmp_path: Path,
) -> None:
    async with running_sandbox(sandbox_base_settings(tmp_path)) as sandbox:
        admin = sandbox.world.person(ADMIN.user_id)
        await admin.send("/web")
        found = TOKEN.search(admin.last_message.text)
        assert found is not None, admin.last_message.text

        async with browser(base_url=sandbox.address.rstrip("/")) as http:
            assert (await http.get("/admin/")).status_code == 303, "no session, no admin"
            assert (await sign_in(http, found["token"])).status_code == 303
            category = await create_row(http, "categories", {"name": "Web hoodies"})
            product = await create_row(
                http,
                "products",
                {"category_id": category, "title": "Sandbox hoodie", "price": 4_500_00},
            )
            await create_row(
                http, "product_variants", {"product_id": product, "size": "L", "stock": 2}
            )
            picture = photo_files(tmp_path / "desktop", 1)[0].read_bytes()
            key = await upload_photo(http, picture)
            await create_row(http, "product_photos", {"product_id": product, "source": key})

        emma = sandbox.world.person(ENGLISH_SHOPPER.user_id)
        await emma.send("/start")
        await emma.press("🛍 Catalogue")
        await emma.press("Web hoodies")
        [card] = await press_starting(emma, "Sandbox hoodie")
        assert card.media_kind == "photo"
        assert "L" in labels(card)
    sandbox.world.telegram.assert_no_handler_errors()
