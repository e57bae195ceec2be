"""Browsing: categories in order, products page by page, cards with photos sent once
and then by cached file id, sold-out sizes and unavailable products not offered."""

from __future__ import annotations

from pathlib import Path

from config import Settings
from fake_telegram import FakeTelegram
from models.catalogue import Product, ProductPhoto, ProductVariant
from tests.bot.shop.shop import (
    add_category,
    add_product,
    labels,
    photo_files,
    press_starting,
    price,
)
from tests.fixtures.app import bot_settings, running_bot

UPLOADS = ("upload.SaveFilePart", "upload.SaveBigFilePart", "messages.UploadMedia")


async def test_a_long_category_is_paged_and_only_offered_products_count(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        for number in range(1, 15):
            await add_product(tees, f"Tee {number}", price=number * 100_00)
        await add_product(tees, "Withdrawn tee", available=False)
        await add_product(tees, "Sold-out tee", variants=[("S", 0, None), ("M", 0, None)])
        alice = fake_telegram.user(2101, lang="ru", first_name="Алиса")

        await alice.send("/start")
        await alice.press("🛍 Каталог")
        await alice.press("Tees")
        first = alice.last_message
        assert first.text == "Tees\nСтраница 1 из 3. Выберите товар:"
        assert labels(first) == [
            *(f"Tee {n} · {price(f'{n * 100:,} ₽'.replace(',', ' '))}" for n in range(14, 8, -1)),
            "Далее ›",
            "← Разделы",
        ]
        await alice.press("Далее ›")
        assert alice.last_message.text == "Tees\nСтраница 2 из 3. Выберите товар:"
        assert labels(alice.last_message)[-3:] == ["‹ Назад", "Далее ›", "← Разделы"]
        await alice.press("Далее ›")
        last = alice.last_message
        assert last.text == "Tees\nСтраница 3 из 3. Выберите товар:"
        assert labels(last) == [
            f"Tee 2 · {price('200 ₽')}",
            f"Tee 1 · {price('100 ₽')}",
            "‹ Назад",
            "← Разделы",
        ]
        await alice.press("‹ Назад")
        assert alice.last_message.text == "Tees\nСтраница 2 из 3. Выберите товар:"
        # Browsing edits one message instead of sending a new one per page.
        assert last.id == first.id == alice.last_message.id


async def test_an_album_is_uploaded_once_and_then_sent_by_cached_file_ids(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        hoodies = await add_category("Hoodies")
        hoodie = await add_product(
            hoodies, "Hoodie", description="Warm.", photos=photo_files(tmp_path, 3)
        )
        bob = fake_telegram.user(2102, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")
        await bob.press("Hoodies")

        first_view = await press_starting(bob, "Hoodie")

        *album, buttons = first_view
        assert [m.media_kind for m in album] == ["photo", "photo", "photo"]
        assert len({m.stored.grouped_id for m in album}) == 1
        assert album[0].caption is not None and album[0].caption.startswith("Hoodie\n\nWarm.")
        assert buttons.text == "Hoodie: choose a size."
        assert labels(buttons) == ["M", "← To products", "🛒 Cart"]
        assert len(fake_telegram.requests_named("messages.UploadMedia")) == 3
        cached = await ProductPhoto.select(ProductPhoto.file_id).where(
            ProductPhoto.product == hoodie.id
        )
        assert all(row["file_id"] for row in cached)
        uploads_before = len(fake_telegram.requests_named(*UPLOADS))

        await bob.press("← To products")
        second_view = await press_starting(bob, "Hoodie")

        assert [m.media_kind for m in second_view[:3]] == ["photo", "photo", "photo"]
        assert len(fake_telegram.requests_named(*UPLOADS)) == uploads_before
        assert [m.file for m in second_view[:3]] == [m.file for m in album]


async def test_a_single_photo_carries_the_card_and_is_uploaded_once(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        caps = await add_category("Caps")
        description = "A cap for every day. " * 100  # over the caption limit
        await add_product(caps, "Cap", description=description, photos=photo_files(tmp_path, 1))
        bob = fake_telegram.user(2103, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")
        await bob.press("Caps")

        [card] = await press_starting(bob, "Cap")
        await press_starting(bob, "🛒 Cart")  # anywhere else, then back to the card
        await bob.press("🛍 Catalogue")
        await bob.press("Caps")
        [again] = await press_starting(bob, "Cap")

        assert card.media_kind == again.media_kind == "photo"
        assert card.caption is not None and len(card.caption) <= 1024
        assert card.caption.startswith("Cap\n\nA cap for every day.")
        assert "…" in card.caption and card.caption.endswith(f"{price('1 990 ₽')}\nIn stock: M")
        assert len(fake_telegram.requests_named("upload.SaveFilePart")) == 1
        assert again.file is card.file


async def test_sold_out_sizes_are_text_not_buttons_and_unavailable_things_are_not_offered(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees", position=2)
        await add_category("Hidden sale", position=1, hidden=True)
        await add_category("Caps", position=3)
        tee = await add_product(
            tees, "Tee", variants=[("S", 0, None), ("M", 2, "black"), ("L", 1, None)]
        )
        await add_product(tees, "Withdrawn tee", available=False)
        alice = fake_telegram.user(2104, lang="ru", first_name="Алиса")
        await alice.send("/start")

        await alice.press("🛍 Каталог")
        assert labels(alice.last_message) == ["Tees", "Caps", "☰ Меню"]
        await alice.press("Tees")
        assert labels(alice.last_message) == [f"Tee · {price('1 990 ₽')}", "← Разделы"]
        [card] = await press_starting(alice, "Tee")

        assert card.text.endswith("В наличии: M · black, L\nНет в наличии: S")
        assert labels(card) == [
            "M · black",
            "L",
            "🔔 Сообщить о поступлении: S",  # back in stock: a wait, not an order
            "← К товарам",
            "🛒 Корзина",
        ]

        # Sold out after the card was shown: the size button is refused politely.
        await ProductVariant.update({ProductVariant.stock: 0}).where(
            ProductVariant.id == tee.variant_ids[2]
        )
        assert await alice.press("L", message=card) == []
        assert alice.last_answer is not None
        assert alice.last_answer.answer_text == "Этот размер уже недоступен."

        # Withdrawn after the list was shown: its button is refused, no card is sent.
        await Product.update({Product.is_available: False}).where(Product.id == tee.id)
        await alice.press("← К товарам", message=card)
        assert alice.last_message.text == "Tees\nЗдесь пока ничего нет в наличии."
        await alice.press("← Разделы")
        await alice.press("Caps")
        assert alice.last_message.text == "Caps\nЗдесь пока ничего нет в наличии."


async def test_a_product_gone_since_the_list_was_shown_is_refused_politely(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        tees = await add_category("Tees")
        tee = await add_product(tees, "Tee")
        await add_product(tees, "Other tee")
        bob = fake_telegram.user(2105, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")
        await bob.press("Tees")
        listing = bob.last_message

        await Product.delete().where(Product.id == tee.id)

        assert await press_starting(bob, "Tee ·") == []
        assert bob.last_answer is not None
        assert bob.last_answer.answer_text == "This product is no longer on sale."
        assert bob.last_message.id == listing.id


async def test_a_cached_photo_telegram_no_longer_knows_is_uploaded_again(
    database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        caps = await add_category("Caps")
        cap = await add_product(caps, "Cap", photos=photo_files(tmp_path, 1))
        bob = fake_telegram.user(2106, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")
        await bob.press("Caps")
        [first] = await press_starting(bob, "Cap")
        fake_telegram.world.files.clear()  # as if the file ids belonged to another bot

        # A photo cannot become a text: the list comes as a new message under the card.
        [listing] = await bob.press("← To products", message=first)
        [again] = await press_starting(bob, "Cap")

        assert listing.text == "Caps\nPage 1 of 1. Choose a product:"
        assert again.media_kind == "photo" and again.file is not None
        assert len(fake_telegram.requests_named("upload.SaveFilePart")) == 2
        [row] = await ProductPhoto.select(ProductPhoto.file_id).where(
            ProductPhoto.product == cap.id
        )
        assert row["file_id"] is not None
        # The new file id was cached: the next view uploads nothing.
        await bob.press("← To products", message=again)
        [third] = await press_starting(bob, "Cap")
        assert third.file is again.file
        assert len(fake_telegram.requests_named("upload.SaveFilePart")) == 2


async def test_a_card_without_photos_over_the_message_limit_is_split(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(bot_settings(database), fake_telegram):
        coats = await add_category("Coats")
        await add_product(coats, "Coat", description="Warm wool coat. " * 400)  # 6400 chars
        bob = fake_telegram.user(2107, lang="en", first_name="Bob")
        await bob.send("/start")
        await bob.press("🛍 Catalogue")
        await bob.press("Coats")

        first, last = await press_starting(bob, "Coat")

        assert first.text.startswith("Coat\n\nWarm wool coat.") and not first.buttons
        assert len(first.text) <= 4096 and len(last.text) <= 4096
        assert last.text.endswith("In stock: M")
        assert labels(last) == ["M", "← To products", "🛒 Cart"]
