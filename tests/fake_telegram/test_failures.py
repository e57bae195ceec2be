"""Injected failures are answered as Telegram would, and Kurigram reacts to them itself."""

from __future__ import annotations

import time

import pytest
from pyrogram.errors import (
    ChatWriteForbidden,
    FloodWait,
    InputUserDeactivated,
    PeerIdInvalid,
    RandomIdDuplicate,
    UserIsBlocked,
)
from pyrogram.errors.exceptions.forbidden_403 import UserIsBlocked403

from fake_telegram import FakeTelegram, tl
from tests.fake_telegram.helpers import present, running


async def test_flood_wait_3_is_slept_off_by_kurigram(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42)
    fake_telegram.fail("messages.SendMessage", "FLOOD_WAIT_3", times=1)
    async with running(fake_telegram.make_client()) as client:
        started = time.monotonic()
        message = present(await client.send_message(42, "hello"))
        elapsed = time.monotonic() - started
    assert message.text == "hello"
    assert elapsed >= 2.9  # Session.invoke slept the 3 s itself
    assert [m.text for m in alice.messages] == ["hello"]
    assert len(fake_telegram.requests_named("messages.SendMessage")) == 2


async def test_flood_wait_60_raises(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42)
    fake_telegram.fail("messages.SendMessage", "FLOOD_WAIT_60")
    async with running(fake_telegram.make_client()) as client:
        with pytest.raises(FloodWait) as caught:
            await client.send_message(42, "hello")
    assert caught.value.value == 60
    assert alice.messages == []


async def test_blocked_user(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(43)
    fake_telegram.block(43)
    async with running(fake_telegram.make_client()) as client:
        with pytest.raises(UserIsBlocked) as caught:
            await client.send_message(43, "hello")
        assert isinstance(caught.value, UserIsBlocked403)
        fake_telegram.block(43, blocked=False)
        await client.send_message(43, "welcome back")


async def test_deactivated_user(fake_telegram: FakeTelegram) -> None:
    fake_telegram.deactivate(44)
    async with running(fake_telegram.make_client()) as client:
        with pytest.raises(InputUserDeactivated):
            await client.send_message(44, "hello")


async def test_peer_id_invalid_injected_and_unknown(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(45)
    fake_telegram.fail("messages.SendMessage", "PEER_ID_INVALID", peer=45)
    async with running(fake_telegram.make_client()) as client:
        with pytest.raises(PeerIdInvalid):
            await client.send_message(45, "hello")
        with pytest.raises(PeerIdInvalid):
            await client.send_message(999_999, "nobody")  # Telegram does not know them
        await client.send_message(45, "second try works")


async def test_failure_rules_are_per_peer_and_counted(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(42)
    fake_telegram.user(43)
    fake_telegram.fail("*", "CHAT_WRITE_FORBIDDEN", peer=43, times=None)
    async with running(fake_telegram.make_client()) as client:
        await client.send_message(42, "fine")
        for _ in range(2):
            with pytest.raises(ChatWriteForbidden):
                await client.send_message(43, "nope")


async def test_repeated_random_id_is_refused_and_stored_once(fake_telegram: FakeTelegram) -> None:
    alice = fake_telegram.user(42)
    async with running(fake_telegram.make_client()) as client:
        peer = await client.resolve_peer(42)
        send = tl.MessagesSendMessage(peer=peer, message="once", random_id=12345)
        first = await client.invoke(send)
        assert isinstance(first, tl.Updates)
        with pytest.raises(RandomIdDuplicate):
            await client.invoke(send)
    assert [m.text for m in alice.messages] == ["once"]


async def test_latency_and_rolling_window(fake_telegram: FakeTelegram) -> None:
    fake_telegram.user(42)
    fake_telegram.latency = 0.01
    async with running(fake_telegram.make_client()) as client:
        for i in range(5):
            await client.send_message(42, f"m{i}")
    sends = fake_telegram.requests_named("messages.SendMessage", peer=42)
    assert len(sends) == 5
    assert sends[-1].time - sends[0].time >= 0.04
    assert fake_telegram.max_in_window(window=1.0) == 5
    assert fake_telegram.max_in_window(window=0.001) == 1
