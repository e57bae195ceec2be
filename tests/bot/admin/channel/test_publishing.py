"""Publishing a product to the shop's channel: the card goes to CHANNEL_ID (inside the
forum topic CHANNEL_THREAD_ID when set) with a Buy button deep-linking to the product;
the post follows the stock (sold out: said so, no button; back: the button returns);
unpublishing deletes it; every publish and unpublish is audited."""

from __future__ import annotations

from pathlib import Path

from config import Settings
from fake_telegram import FakeTelegram
from models.admins import AuditLog
from models.catalogue import ProductVariant
from models.channel_posts import LIVE, ChannelPost
from tests.bot.admin.channel.helpers import buy_link, channel_screen, posts, russian_order
from tests.bot.checkout.shop import ENGLISH_ADMIN, admin_card, order_of, shop_settings
from tests.bot.shop.shop import add_category, add_product, labels, photo_files, price
from tests.fixtures.app import running_bot


async def test_publishing_posts_the_card_in_the_forum_topic_with_a_buy_deep_link(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    forum = fake_telegram.add_channel("Shop", broadcast=False, forum=True)
    topic = fake_telegram.add_forum_topic(forum.chat_id, "New in")
    settings = shop_settings(database, channel_id=forum.chat_id, channel_thread_id=topic)
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(
            tees,
            "Basic tee",
            price=1_990_00,
            variants=[("S", 0, "white"), ("M", 3, "white")],
            photos=photo_files(tmp_path, 1),
            description="Soft cotton.",
        )
        admin = await channel_screen(fake_telegram)
        assert labels(admin.last_message)[0] == "📢 Basic tee"

        await admin.press("📢 Basic tee")

        [post] = posts(fake_telegram, forum.chat_id)
        assert post.stored.topic_id == topic
        assert post.media_kind == "photo"
        assert (
            post.caption == f"Basic tee\n\nSoft cotton.\n\n{price('1 990 ₽')}\nВ наличии: M · white"
        )
        assert post.buttons == [["🛒 Купить"]]
        button = post.button("🛒 Купить")
        assert button is not None and button.url == buy_link(tee.id)
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "Published to the channel"
        assert "🗑 Basic tee (published)" in labels(admin.last_message)
        rows = await ChannelPost.select(ChannelPost.product_id, ChannelPost.state)
        assert rows == [{"product_id": tee.id, "state": LIVE}]
        audit = await AuditLog.select(AuditLog.actor_id, AuditLog.action, AuditLog.target)
        assert audit == [
            {"actor_id": ENGLISH_ADMIN, "action": "channel.publish", "target": str(tee.id)}
        ]
    fake_telegram.assert_no_handler_errors()


async def test_the_last_item_sold_edits_the_post_and_a_cancelled_order_restores_it(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    channel = fake_telegram.add_channel("Shop", username="shop_channel")
    settings = shop_settings(database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(
            tees, "Album tee", variants=[("M", 1, None)], photos=photo_files(tmp_path, 3)
        )
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Album tee")
        album = posts(fake_telegram, channel.chat_id)
        assert [m.media_kind for m in album] == ["photo", "photo", "photo", None]
        caption, buy = album[0], album[-1]
        assert caption.caption is not None and caption.caption.endswith("В наличии: M")
        assert buy.text == "Album tee: выберите размер и оформите заказ в боте 👇"
        assert buy.button("🛒 Купить") is not None

        galina = await russian_order(fake_telegram, tee.variant_ids[0])

        live_text = "Album tee: выберите размер и оформите заказ в боте 👇"

        def shows(ending: str, button_text: str) -> bool | None:
            done = caption.caption is not None and caption.caption.endswith(ending)
            return True if done and buy.text == button_text else None

        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            channel.chat_id,
            lambda: shows("всё раскупили", "Album tee: ❌ нет в наличии"),
            what="the post sold out",
        )
        assert caption.caption.endswith("❌ Нет в наличии — всё раскупили")
        assert buy.text == "Album tee: ❌ нет в наличии"
        assert buy.buttons == []

        order = await order_of(galina)
        card = await admin_card(fake_telegram, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
        await admin.press("✖ Cancel order", message=card)
        await admin.press("customer asked")  # the desk asks a reason first
        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            channel.chat_id,
            lambda: shows("В наличии: M", live_text),
            what="the post back in stock",
        )
        assert buy.button("🛒 Купить") is not None
        assert buy.text == "Album tee: выберите размер и оформите заказ в боте 👇"
        assert len(posts(fake_telegram, channel.chat_id)) == 4  # edited, never re-sent
    fake_telegram.assert_no_handler_errors()


async def test_unpublishing_deletes_the_post_and_is_audited(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    channel = fake_telegram.add_channel("Shop")
    settings = shop_settings(database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        tee = await add_product(await add_category("Tees"), "Text tee")
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Text tee")
        [post] = posts(fake_telegram, channel.chat_id)
        assert post.text.startswith("Text tee\n\n")
        assert post.button("🛒 Купить") is not None

        await admin.press("🗑 Text tee (published)")

        assert posts(fake_telegram, channel.chat_id) == []
        assert await ChannelPost.count() == 0
        assert admin.last_answer is not None
        assert admin.last_answer.answer_text == "The post is deleted from the channel"
        assert "📢 Text tee" in labels(admin.last_message)
        actions = await AuditLog.select(AuditLog.action, AuditLog.target).order_by(AuditLog.id)
        assert actions == [
            {"action": "channel.publish", "target": str(tee.id)},
            {"action": "channel.unpublish", "target": str(tee.id)},
        ]
    fake_telegram.assert_no_handler_errors()


async def test_a_post_left_out_of_date_by_a_crash_is_put_right_at_the_next_start(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    channel = fake_telegram.add_channel("Shop")
    settings = shop_settings(sqlite_database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        tee = await add_product(await add_category("Tees"), "Text tee")
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Text tee")
    [post] = posts(fake_telegram, channel.chat_id)
    assert post.button("🛒 Купить") is not None
    # The stock went to 0 and the process died before the post was edited.
    await ProductVariant.update({ProductVariant.stock: 0}).where(
        ProductVariant.id == tee.variant_ids[0]
    )

    async with running_bot(settings, fake_telegram):
        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id,
            channel.chat_id,
            lambda: True if post.text.endswith("всё раскупили") else None,
            what="the post sold out",
        )
        assert post.buttons == []
        assert len(posts(fake_telegram, channel.chat_id)) == 1
    fake_telegram.assert_no_handler_errors()


async def test_the_channel_screen_pages_through_every_product(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(sqlite_database), fake_telegram):
        tees = await add_category("Tees")
        for number in range(10):
            await add_product(tees, f"Tee {number}", available=number != 3)
        admin = await channel_screen(fake_telegram)
        first = admin.last_message
        assert first.text.startswith("Publishing products to the channel. Page 1 of 2.")
        assert labels(first) == [
            *(f"📢 Tee {number}" for number in range(9, 1, -1)),  # newest first
            "Next ›",
            "⬅ Management menu",
        ]
        await admin.press("Next ›")
        assert first.text.startswith("Publishing products to the channel. Page 2 of 2.")
        assert labels(first) == ["📢 Tee 1", "📢 Tee 0", "‹ Back", "⬅ Management menu"]
    fake_telegram.assert_no_handler_errors()


async def test_deleting_a_published_product_takes_its_post_down(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    channel = fake_telegram.add_channel("Shop")
    settings = shop_settings(sqlite_database, channel_id=channel.chat_id)
    async with running_bot(settings, fake_telegram):
        tee = await add_product(await add_category("Tees"), "Text tee")
        admin = await channel_screen(fake_telegram)
        await admin.press("📢 Text tee")
        assert len(posts(fake_telegram, channel.chat_id)) == 1

        await admin.send("/admin")
        await admin.press("🗂 Catalogue")
        await admin.press("Tees (1)")
        await admin.press("Text tee")
        await admin.press("🗑 Delete")
        await admin.press("🗑 Yes, delete")

        assert posts(fake_telegram, channel.chat_id) == []
        assert await ChannelPost.count() == 0
        actions = await AuditLog.select(AuditLog.action, AuditLog.target).order_by(AuditLog.id)
        assert {"action": "channel.publish", "target": str(tee.id)} in actions
    fake_telegram.assert_no_handler_errors()
