"""Driving the web chat in real headless Chromium (Debian's `chromium`, by Playwright).

Nothing is downloaded at run time: Playwright launches the system browser. Without it
the browser tests skip locally, and fail under CI (`CI` set), which installs it
(.ci/run). Each step's screenshot goes to test-artifacts/<test name>/NN-step.png.
"""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.async_api import Locator, Page, async_playwright, expect

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (apt-get install chromium); CI installs it",
)


def exactly(label: str) -> re.Pattern[str]:
    return re.compile(f"^{re.escape(label)}$")


class ChatPage:
    """One browser tab on the web chat, taking a screenshot after each step."""

    def __init__(self, page: Page, folder: Path, steps: list[int] | None = None) -> None:
        self.page = page
        self.folder = folder
        self._steps = steps if steps is not None else [0]  # shared by a test's tabs

    async def shot(self, name: str) -> None:
        self._steps[0] += 1
        await self.page.screenshot(path=self.folder / f"{self._steps[0]:02d}-{name}.png")

    async def another_tab(self) -> ChatPage:
        """A second tab of the same browser on the web chat."""
        page = await self.page.context.new_page()
        await open_live(page, self.page.url.split("#")[0])
        return ChatPage(page, self.folder, self._steps)

    async def open_channel(self) -> None:
        await self.page.locator("#open-channel").click()
        await expect(self.page.locator("#subtitle")).to_have_text("Shop channel")

    async def be(self, persona_id: int) -> None:
        """Back to the persona picker, then into this persona's chat."""
        if await self.page.locator("#back").is_visible():
            await self.page.locator("#back").click()
        await self.page.locator(f'[data-persona="{persona_id}"]').click()
        await expect(self.page.locator("#composer")).to_be_visible()

    async def send(self, text: str) -> None:
        await self.page.locator("#text").fill(text)
        await self.page.locator("#text").press("Enter")

    def bot_says(self, text: str | re.Pattern[str]) -> Locator:
        return self.page.locator("#messages .msg.bot").filter(has_text=text).last

    async def press(self, label: str | re.Pattern[str]) -> None:
        """An inline button of the latest message that has it."""
        name = exactly(label) if isinstance(label, str) else label
        await self.page.locator("#messages .inline button").filter(has_text=name).last.click()

    async def key(self, label: str) -> None:
        """A button of the reply keyboard under the input field."""
        await self.page.locator("#keyboard button").filter(has_text=exactly(label)).click()

    async def toast(self, text: str) -> None:
        await expect(self.page.locator("#toast")).to_have_text(text)


async def open_live(page: Page, url: str) -> None:
    """Open the web chat and wait until its event stream is connected."""
    page.set_default_timeout(10_000)
    await page.goto(url)
    await expect(page.locator("body[data-live=true]")).to_be_attached()


@asynccontextmanager
async def chat_page(
    url: str, test_name: str, *, width: int, height: int, mobile: bool = False
) -> AsyncIterator[ChatPage]:
    folder = ARTIFACTS / test_name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            context = await browser.new_context(
                viewport={"width": width, "height": height},
                is_mobile=mobile,
                has_touch=mobile,
                device_scale_factor=2 if mobile else 1,
            )
            expect.set_options(timeout=10_000)
            page = await context.new_page()
            await open_live(page, url)
            yield ChatPage(page, folder)
        finally:
            await browser.close()
