"""Telegram keeps what it pushed to a bot: `updates.getState` says where the bot's update
log is, and `updates.getDifference` returns what came after a given pts, in slices."""

from __future__ import annotations

from typing import Any

from pyrogram import Client

from fake_telegram import FakeTelegram, tl
from tests.fake_telegram.helpers import running


async def difference(client: Client, pts: int, **limits: int) -> Any:
    query = tl.UpdatesGetDifference(pts=pts, date=0, qts=0, **limits)
    return await client.invoke(query)


async def test_get_difference_returns_messages_and_queries_pushed_after_the_given_pts(
    fake_telegram: FakeTelegram,
) -> None:
    tg = fake_telegram
    alice = tg.user(42, first_name="Alice")
    async with running(tg.make_client()) as client:
        await client.send_message(42, "Pick one")
        start = await client.invoke(tl.UpdatesGetState())
        await alice.send("first", wait=None)
        await alice.press_forged(b"data", wait=None)
        await alice.send("second", wait=None)

        missed = await difference(client, start.pts)
        assert isinstance(missed, tl.UpdatesDifference)
        assert [m.message for m in missed.new_messages] == ["first", "second"]
        assert [type(u).__name__ for u in missed.other_updates] == ["UpdateBotCallbackQuery"]
        assert 42 in {u.id for u in missed.users}
        assert missed.state.pts > start.pts and missed.state.seq == start.seq + 3

        sliced = await difference(client, start.pts, pts_limit=2)
        assert isinstance(sliced, tl.UpdatesDifferenceSlice)
        assert [m.message for m in sliced.new_messages] == ["first"]
        assert len(sliced.other_updates) == 1
        rest = await difference(client, sliced.intermediate_state.pts)
        assert isinstance(rest, tl.UpdatesDifference)
        assert [m.message for m in rest.new_messages] == ["second"]

        nothing = await difference(client, missed.state.pts)
        assert isinstance(nothing, tl.UpdatesDifferenceEmpty)
        assert nothing.seq == missed.state.seq

        too_long = await difference(client, start.pts, pts_total_limit=1)
        assert isinstance(too_long, tl.UpdatesDifferenceTooLong)
        assert too_long.pts == missed.state.pts


async def test_an_update_pushed_again_is_logged_once(fake_telegram: FakeTelegram) -> None:
    tg = fake_telegram
    alice = tg.user(42, first_name="Alice")
    async with running(tg.make_client()) as client:
        start = await client.invoke(tl.UpdatesGetState())
        message, updates = tg.inbound.message(tg.bot_id, alice.id, text="twice")
        await tg.push(updates)
        await tg.push(updates)

        missed = await difference(client, start.pts)
        assert [m.id for m in missed.new_messages] == [message.id]
