"""In real headless Chromium: the bot's answer to a press can be an alert box. The
superadmin presses "Confirm" on her order card just after an admin confirmed the order,
before the bot updated her card (its edits are held back meanwhile)."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from sandbox.personas import ADMIN, ENGLISH_SHOPPER, SUPERADMIN
from tests.sandbox.web.browser import chat_page, needs_chromium
from tests.sandbox.web.web_chat import ORDER_A_CAP, WebChat

pytestmark = needs_chromium


async def test_a_press_the_order_no_longer_allows_is_answered_in_an_alert_box(
    running_web_chat: WebChat, request: pytest.FixtureRequest
) -> None:
    world = running_web_chat.world
    emma, admin, owner = (world.person(p.user_id) for p in (ENGLISH_SHOPPER, ADMIN, SUPERADMIN))
    await emma.send("/start")
    for label in ORDER_A_CAP:
        await emma.press(label)
    await admin.expect_message(timeout=10)
    await owner.expect_message(timeout=10)
    tg = running_web_chat.telegram
    edits = tg.hold("messages.EditMessage")

    async with chat_page(running_web_chat.url, request.node.name, width=1024, height=768) as chat:
        await chat.be(SUPERADMIN.user_id)
        confirm = re.compile(r"^✅ (Confirm|Подтвердить)$")
        await expect(chat.page.locator(".inline button").filter(has_text=confirm)).to_be_visible()
        await admin.press(admin.last_message.buttons[0][0], wait=None)
        await tg.wait_held(edits, 1, timeout=10)  # confirmed; the cards' edits wait
        await chat.press(confirm)
        await tg.wait_for_chat(
            world.bot_id,
            SUPERADMIN.user_id,
            lambda: True if owner.last_answer is not None else None,
            timeout=10,
        )
        edits.release()
        alert = chat.page.locator("#alert")
        await expect(alert).to_be_visible()
        await expect(alert.locator("#alert-text")).to_contain_text("cannot change")
        await chat.shot("alert")
        await alert.locator("#alert-ok").click()
        await expect(alert).to_be_hidden()
