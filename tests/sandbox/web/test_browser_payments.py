"""In real headless Chromium: a shopper pays her order's invoice with its Pay button, the
fake's test payment goes through and the chat says so."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import expect
from pydantic import SecretStr

from config import Settings
from fake_telegram import FakeTelegram
from sandbox.personas import ENGLISH_SHOPPER
from tests.sandbox.web.browser import chat_page, needs_chromium
from tests.sandbox.web.web_chat import ORDER_A_CAP, WebChat, web_chat

pytestmark = needs_chromium


@pytest.fixture
async def paying_web_chat(
    sqlite_database: Settings, fake_telegram: FakeTelegram, tmp_path: Path
) -> AsyncIterator[WebChat]:
    token = SecretStr("284685063:TEST:sandbox-web-chat")
    async with web_chat(
        sqlite_database, fake_telegram, tmp_path, payment_provider_token=token
    ) as chat:
        yield chat


async def test_a_shopper_pays_her_invoice_with_its_pay_button(
    paying_web_chat: WebChat, request: pytest.FixtureRequest
) -> None:
    emma = paying_web_chat.world.person(ENGLISH_SHOPPER.user_id)
    await emma.send("/start")
    for label in ORDER_A_CAP:
        await emma.press(label)

    async with chat_page(paying_web_chat.url, request.node.name, width=1024, height=768) as chat:
        await chat.be(ENGLISH_SHOPPER.user_id)
        invoice = chat.page.locator("#messages .invoice").last
        await expect(invoice).to_contain_text("1290.00 RUB")
        await chat.shot("invoice")
        pay = chat.page.locator("#messages").get_by_role("button", name=re.compile(r"^Pay\b"))
        await pay.last.click()
        await expect(chat.page.locator("#messages .service").last).to_have_text(
            "💳 Paid 1290.00 RUB"
        )
        await expect(invoice.locator(".paid")).to_have_text("✓ Paid")
        await expect(pay).to_have_count(0)
        await chat.shot("paid")
    paying_web_chat.telegram.assert_no_handler_errors()
