"""Users named by access hash, as Telegram checks them; the bounded request log."""

from __future__ import annotations

import pytest
from pyrogram.errors import PeerIdInvalid
from pyrogram.raw.functions.messages.send_message import SendMessage
from pyrogram.raw.types.input_peer_user import InputPeerUser

from fake_telegram import FakeTelegram
from fake_telegram.state import access_hash_for
from tests.fake_telegram.helpers import running


def send_to(user_id: int, access_hash: int, text: str, random_id: int) -> SendMessage:
    return SendMessage(
        peer=InputPeerUser(user_id=user_id, access_hash=access_hash),
        message=text,
        random_id=random_id,
    )


async def test_a_send_with_the_right_access_hash_arrives_and_a_wrong_one_is_peer_id_invalid(
    fake_telegram: FakeTelegram,
) -> None:
    alice = fake_telegram.user(42)
    async with running(fake_telegram.make_client()) as client:
        await client.invoke(send_to(42, access_hash_for(42), "hello", 1))
        with pytest.raises(PeerIdInvalid):
            await client.invoke(send_to(42, access_hash_for(42) ^ 0x10, "wrong", 2))
    assert [m.text for m in alice.messages] == ["hello"]
    assert fake_telegram.request_counts["users.GetUsers"] == 0


async def test_the_request_log_keeps_the_last_requests_and_counts_them_all() -> None:
    tg = FakeTelegram(request_log=5)
    try:
        tg.user(42)
        async with running(tg.make_client()) as client:
            before = tg.requests_seen  # the client's start-up requests
            for number in range(8):
                await client.send_message(42, f"message {number}")
        sends = tg.requests_named("messages.SendMessage")
        assert len(tg.requests) == 5
        assert [getattr(r.raw, "message", None) for r in sends][-3:] == [
            "message 5",
            "message 6",
            "message 7",
        ]
        assert tg.request_counts["messages.SendMessage"] == 8
        assert tg.requests_seen - before >= 8
        assert tg.max_in_window(window=60.0) == len(sends)
    finally:
        tg.close()
