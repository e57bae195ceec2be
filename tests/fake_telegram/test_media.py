"""Photos and documents: uploaded in parts, re-sent by file_id, downloaded, in albums."""

from __future__ import annotations

from io import BytesIO

from pyrogram.types import InputMediaPhoto

from fake_telegram import FakeTelegram
from tests.fake_telegram.helpers import present, running, tiny_png


def named(data: bytes, name: str) -> BytesIO:
    stream = BytesIO(data)
    stream.name = name
    return stream


async def test_photo_upload_then_resend_by_file_id(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42)
    png = tiny_png(64, 48)
    async with running(fake_telegram.make_client()) as client:
        sent = present(await client.send_photo(42, named(png, "tee.png"), caption="Футболка"))
        assert sent.photo is not None
        assert (sent.photo.width, sent.photo.height) == (64, 48)
        assert sent.caption == "Футболка"

        again = present(await client.send_photo(42, sent.photo.file_id, caption="Снова"))
        assert again.photo is not None
        assert again.photo.file_unique_id == sent.photo.file_unique_id

        downloaded = await client.download_media(again, in_memory=True)
        assert isinstance(downloaded, BytesIO)
        assert downloaded.getvalue() == png

    first, second = alice.messages
    assert first.media_kind == second.media_kind == "photo"
    assert first.caption == "Футболка"
    assert first.file is not None
    assert first.file is second.file
    assert first.file.data == png
    names = {r.name for r in fake_telegram.requests}
    assert {"upload.SaveFilePart", "messages.SendMedia", "upload.GetFile"} <= names


async def test_album_of_uploaded_photos(fake_telegram: FakeTelegram) -> None:
    bob = fake_telegram.user(50)
    async with running(fake_telegram.make_client()) as client:
        album = await client.send_media_group(
            50,
            [
                InputMediaPhoto(named(tiny_png(10, 10), "a.png"), caption="Спереди"),
                InputMediaPhoto(named(tiny_png(20, 10), "b.png")),
            ],
        )
    assert len(album) == 2
    assert all(m.photo is not None for m in album)
    assert album[0].media_group_id is not None
    assert album[0].media_group_id == album[1].media_group_id
    assert [m.caption for m in bob.messages] == ["Спереди", ""]
    assert len(fake_telegram.requests_named("messages.UploadMedia")) == 2


async def test_document_and_a_photo_from_a_user(fake_telegram: FakeTelegram) -> None:
    from pyrogram import Client, filters
    from pyrogram.handlers import MessageHandler
    from pyrogram.types import Message

    client = fake_telegram.make_client()

    async def photo(bot: Client, message: Message) -> None:
        assert message.photo is not None
        chat_id = present(present(message.chat).id)
        await bot.send_photo(chat_id, message.photo.file_id, caption="got it")
        await bot.send_document(chat_id, named(b"size chart", "sizes.txt"))

    client.add_handler(MessageHandler(photo, filters.photo))
    fake_telegram.install_observer(client)
    admin = fake_telegram.user(7)
    async with running(client):
        replies = await admin.send_photo(tiny_png(8, 8), caption="new product")
    assert [m.media_kind for m in replies] == ["photo", "document"]
    assert replies[1].file is not None
    assert replies[1].file.name == "sizes.txt"
    assert replies[1].file.data == b"size chart"


async def test_a_user_sends_a_document_and_the_bot_downloads_it(
    fake_telegram: FakeTelegram,
) -> None:
    from pyrogram import Client, filters
    from pyrogram.handlers import MessageHandler
    from pyrogram.types import Message

    client = fake_telegram.make_client()
    csv = "\ufeffcategory;product\r\nПлатья;Лето\r\n".encode()
    received: list[tuple[str | None, str | None, int | None, bytes]] = []

    async def document(bot: Client, message: Message) -> None:
        file = present(message.document)
        downloaded = await bot.download_media(message, in_memory=True)
        assert isinstance(downloaded, BytesIO)
        received.append((file.file_name, file.mime_type, file.file_size, downloaded.getvalue()))
        await message.reply_text("got it")

    client.add_handler(MessageHandler(document, filters.document))
    fake_telegram.install_observer(client)
    admin = fake_telegram.user(7)
    async with running(client):
        replies = await admin.send_document(csv, "каталог.csv", mime_type="text/csv")
    assert received == [("каталог.csv", "text/csv", len(csv), csv)]
    assert [m.text for m in replies] == ["got it"]
