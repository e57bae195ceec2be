"""In real headless Chromium: tabs stay in step. What a persona does in one tab shows in
her other tab without a reload, and a post to the shop channel shows in the channel's
view as it is made."""

from __future__ import annotations

import pytest
from playwright.async_api import expect
from pyrogram.enums import ParseMode

from sandbox.personas import ENGLISH_SHOPPER
from tests.sandbox.web.browser import chat_page, needs_chromium
from tests.sandbox.web.web_chat import WebChat

pytestmark = needs_chromium


async def test_two_tabs_of_a_persona_and_the_channel_view_stay_in_step(
    running_web_chat: WebChat, request: pytest.FixtureRequest
) -> None:
    async with chat_page(running_web_chat.url, request.node.name, width=900, height=700) as first:
        second = await first.another_tab()
        await first.be(ENGLISH_SHOPPER.user_id)
        await second.be(ENGLISH_SHOPPER.user_id)
        await first.send("/start")
        await first.press("🛍 Catalogue")
        for tab in (first, second):
            await expect(tab.bot_says("Catalogue. Choose a section:")).to_be_visible()
            await expect(tab.page.locator("#messages .msg.me .text")).to_have_text("/start")
        await second.shot("second-tab-in-step")

        channel = await first.another_tab()
        await channel.open_channel()
        [bot] = running_web_chat.telegram.live_clients()
        assert running_web_chat.world.channel_id is not None
        await bot.send_message(
            running_web_chat.world.channel_id,
            "<b>New in:</b> hoodies <i>in three colours</i>",
            parse_mode=ParseMode.HTML,
        )
        post = channel.page.locator("#messages .msg.channel .text")
        await expect(post).to_have_text("New in: hoodies in three colours")
        await expect(post.locator("b")).to_have_text("New in:")
        await channel.shot("channel-post-live")
