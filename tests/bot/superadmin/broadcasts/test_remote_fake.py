"""The fake Telegram served to another process: requests read back as written, answers
and pushed updates cross, handled updates are reported back."""

from __future__ import annotations

from pyrogram.handlers import MessageHandler
from pyrogram.raw.functions.messages.get_messages import GetMessages
from pyrogram.raw.types.input_message_id import InputMessageID

from fake_telegram import FakeTelegram
from fake_telegram.client import build_client
from fake_telegram.remote import connect_remote, read_tl, serve_remote
from runtime.telegram import running_client


def test_a_request_ending_in_a_vector_of_small_objects_reads_back_as_written() -> None:
    request = GetMessages(id=[InputMessageID(id=5), InputMessageID(id=6)])
    read = read_tl(request.write(), padded=True)
    assert [type(m) for m in read.id] == [InputMessageID, InputMessageID]
    assert [m.id for m in read.id] == [5, 6]


async def test_a_bot_in_another_task_over_tcp_sends_and_receives(
    fake_telegram: FakeTelegram,
) -> None:
    tg = fake_telegram
    alice = tg.user(42, first_name="Alice")
    async with serve_remote(tg) as address, connect_remote(address) as host:
        client = build_client(host, bot_id=tg.bot_id)
        seen: list[str] = []

        async def echo(_client: object, message: object) -> None:
            text = str(getattr(message, "text", ""))
            seen.append(text)
            await client.send_message(42, f"echo: {text}")

        client.add_handler(MessageHandler(echo))
        async with running_client(client):
            await tg.wait_for_client(timeout=5)
            await alice.send("hello", wait="reply", timeout=5)
        assert seen == ["hello"]
        assert alice.last_message.text == "echo: hello"
        sends = tg.requests_named("messages.SendMessage", peer=42)
        assert len(sends) == 1 and sends[0].sent is not None and sends[0].sent <= sends[0].time
