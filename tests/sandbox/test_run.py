"""The sandbox in this process (SQLite, or PostgreSQL and Redis when configured): a
persona shops in the demo catalogue; a restart keeps the conversations (even after a
kill, or beside a kept shop when the world is lost); `--sandbox-reset` starts clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

from config import Settings
from fake_telegram import SimulatedUser
from models.catalogue import Category, ProductVariant
from models.users import User
from sandbox.personas import ADMIN, DEFAULT_PERSONAS, ENGLISH_SHOPPER, RUSSIAN_SHOPPER
from sandbox.run import LEAP, RunningSandbox
from sandbox.settings import SandboxPaths
from sandbox.world_store import Snapshot, WorldStore
from tests.bot.checkout.shop import Answers, admin_card, check_out, order_of, put_in_cart
from tests.fixtures.sandbox import running_sandbox, sandbox_base_settings
from tests.test_main import http_get


def shopper(sandbox: RunningSandbox, user_id: int = ENGLISH_SHOPPER.user_id) -> SimulatedUser:
    return sandbox.world.person(user_id)


async def test_a_shopper_persona_gets_the_menu_and_the_demo_catalogue_with_its_photos(
    tmp_path: Path,
) -> None:
    async with running_sandbox(sandbox_base_settings(tmp_path)) as sandbox:
        emma = shopper(sandbox)
        [welcome, *_] = await emma.send("/start")
        assert welcome.text.startswith("Hello, Emma!")

        await emma.press("🛍 Catalogue")
        assert emma.last_message.text == "Catalogue. Choose a section:"
        assert ["Футболки"] in emma.last_message.buttons
        await emma.press("Футболки")
        shown = await emma.press("Футболка базовая · 1\u00a0990\u00a0₽")

        photos = [m.file for m in shown if m.media_kind == "photo"]
        assert len(photos) == 3
        assert all(f is not None and f.data.startswith(b"\x89PNG") for f in photos)
        sandbox.world.telegram.assert_no_handler_errors()
        assert sandbox.address == f"http://127.0.0.1:{sandbox.bot.http_port}/"


async def test_the_admin_persona_is_an_admin_and_the_shop_channel_is_a_forum_topic(
    tmp_path: Path,
) -> None:
    async with running_sandbox(sandbox_base_settings(tmp_path)) as sandbox:
        admin = shopper(sandbox, ADMIN.user_id)
        await admin.send("/admin")
        assert admin.last_message.buttons, "the admin menu has buttons"
        assert "🗂 Catalogue" in [label for row in admin.last_message.buttons for label in row]
        channel = sandbox.world.telegram.world.channel_by_chat_id(sandbox.world.channel_id or 0)
        assert channel is not None and channel.forum and channel.topics


async def test_the_admin_personas_web_command_opens_the_web_admin_beside_the_chat(
    tmp_path: Path,
) -> None:
    async with running_sandbox(sandbox_base_settings(tmp_path)) as sandbox:
        admin = shopper(sandbox, ADMIN.user_id)
        await admin.send("/web")
        found = re.search(
            r"http://127\.0\.0\.1:\d+(?P<path>/admin-sign-in/[\w-]{40,})", admin.last_message.text
        )
        assert found is not None, admin.last_message.text
        port = sandbox.bot.http_port or 0
        status, page = await http_get(port, found["path"])
        assert status == 200 and b"<form" in page
        status, _ = await http_get(port, "/api/personas")
        assert status == 200, "the web chat is still served beside the web admin"


async def test_a_restart_keeps_the_conversations_and_the_added_shoppers(tmp_path: Path) -> None:
    settings = sandbox_base_settings(tmp_path)
    async with running_sandbox(settings) as sandbox:
        await shopper(sandbox).send("/start")
        zoe = sandbox.world.add_shopper("Zoe", "en")
        await sandbox.world.person(zoe.user_id).send("/start")
        channel_id = sandbox.world.channel_id
        emma_history = [m.text for m in shopper(sandbox).history]

    async with running_sandbox(settings) as again:
        assert [p.first_name for p in again.world.personas] == [
            *(p.first_name for p in DEFAULT_PERSONAS),
            "Zoe",
        ]
        assert again.world.channel_id == channel_id
        emma = shopper(again)
        assert [m.text for m in emma.history] == emma_history
        [answer, *_] = await emma.send("/start")
        assert answer.text.startswith("Hello, Emma!")
        zoe_again = again.world.person(zoe.user_id)
        assert zoe_again.last_message.text
        assert await Category.count() == 4  # the demo catalogue, not added twice
        again.world.telegram.assert_no_handler_errors()


async def test_a_world_saved_before_a_kill_still_gets_every_new_message_answered(
    tmp_path: Path,
) -> None:
    settings = sandbox_base_settings(tmp_path)
    store = WorldStore(SandboxPaths.of(settings).world)
    async with running_sandbox(settings) as sandbox:
        telegram = sandbox.world.telegram
        await shopper(sandbox).send("/start")
        # What the periodic save wrote a moment before the process was killed...
        early = store.encode(Snapshot(telegram.world, sandbox.world.personas))
        # ...while the shop's database went on (its update state is ahead of `early`).
        await shopper(sandbox).press("🛍 Catalogue")
        await shopper(sandbox, RUSSIAN_SHOPPER.user_id).send("/start")
    store.save(early, clean=False)

    async with running_sandbox(settings) as again:
        [answer, *_] = await shopper(again, RUSSIAN_SHOPPER.user_id).send("/start")
        assert answer.text.startswith("Здравствуйте, Анна!")
        assert answer.id > LEAP  # past every id the lost moments can have used
        await shopper(again).press("🛍 Catalogue")
        assert shopper(again).last_message.text == "Catalogue. Choose a section:"
        again.world.telegram.assert_no_handler_errors()


async def test_sandbox_reset_starts_with_a_clean_world_and_shop(tmp_path: Path) -> None:
    settings = sandbox_base_settings(tmp_path)
    async with running_sandbox(settings) as sandbox:
        await shopper(sandbox).send("/start")
        sandbox.world.add_shopper("Zoe", "en")
        assert await User.count() == 1

    async with running_sandbox(settings, reset=True) as clean:
        assert clean.world.personas == list(DEFAULT_PERSONAS)
        assert shopper(clean).history == []
        assert await User.count() == 0  # a new shop's database...
        assert await Category.count() == 4  # ...with the demo catalogue again


async def test_a_lost_world_starts_new_conversations_beside_the_kept_shop(tmp_path: Path) -> None:
    settings = sandbox_base_settings(tmp_path)
    async with running_sandbox(settings) as sandbox:
        await shopper(sandbox).send("/start")
        await shopper(sandbox).press("🛍 Catalogue")
    SandboxPaths.of(settings).world.write_bytes(b"written by another version")

    async with running_sandbox(settings) as again:
        assert shopper(again).history == []
        [answer, *_] = await shopper(again, RUSSIAN_SHOPPER.user_id).send("/start")
        assert answer.text.startswith("Здравствуйте, Анна!")
        assert answer.id > LEAP
        assert await User.count() == 2  # the shop was kept
        again.world.telegram.assert_no_handler_errors()


async def test_the_sandbox_runs_on_postgresql_and_redis_when_they_are_configured(
    postgres_database: Settings, redis_cache: object, tmp_path: Path
) -> None:
    settings = postgres_database.model_copy(
        update={
            "sqlite_path": tmp_path / "data" / "shop.sqlite3",
            "redis_host": "127.0.0.1",
            "redis_port": 6379,
            "http_port": 0,
            "log_file_path": None,
        }
    )
    async with running_sandbox(settings) as sandbox:
        [welcome, *_] = await shopper(sandbox).send("/start")
        assert welcome.text.startswith("Hello, Emma!")
        assert await Category.count() == 4
        status, body = await http_get(sandbox.bot.http_port or 0, "/health")
        assert status == 200 and json.loads(body)["cache"] == "redis: up"
    assert not SandboxPaths.of(settings).shop_database.exists()
    assert SandboxPaths.of(settings).world.exists()


async def test_an_invoice_sent_before_a_restart_is_paid_after_it_and_the_admin_hears(
    tmp_path: Path,
) -> None:
    settings = sandbox_base_settings(tmp_path)
    async with running_sandbox(settings) as sandbox:
        emma = shopper(sandbox)
        await emma.send("/start")
        variant = await ProductVariant.select(ProductVariant.id).where(
            ProductVariant.sku == "DEMO-0002"
        )
        await put_in_cart(emma, variant[0]["id"])
        await check_out(emma, Answers(name="Emma", delivery="🏬 Pickup"))
        await emma.press("✅ Confirm")
        await emma.expect_message()  # the order's number
        assert (await emma.expect_message()).media_kind == "invoice"

    async with running_sandbox(settings) as again:
        emma = shopper(again)
        [invoice] = [m for m in emma.messages if m.media_kind == "invoice"]

        payment = await emma.pay(invoice)

        assert payment.accepted
        order = await order_of(emma)
        assert (await emma.expect_message()).text == (
            f"💳 Payment for order #{order.id} received. Thank you!"
        )
        # the admin persona has not written to the bot yet: it speaks Russian to them
        telegram = again.world.telegram
        await admin_card(telegram, ADMIN.user_id, f"🆕 Новый заказ №{order.id}")
        await admin_card(telegram, ADMIN.user_id, f"💳 Заказ №{order.id} оплачен")
        telegram.assert_no_handler_errors()
