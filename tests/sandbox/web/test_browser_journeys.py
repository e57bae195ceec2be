"""In real headless Chromium, on the sandbox itself (`serve_sandbox`, what `make run`
starts): a shopper orders through the web chat, the admin confirms
the order from its card, and the shopper sees the status notification.

English on a desktop window, Russian on a phone-sized one; a screenshot of every step
under test-artifacts/<test name>/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.async_api import expect

from sandbox.personas import ADMIN, ENGLISH_SHOPPER, RUSSIAN_SHOPPER, Persona
from tests.sandbox.web.browser import ChatPage, chat_page, needs_chromium
from tests.sandbox.web.web_chat import WebChat

pytestmark = needs_chromium


@dataclass(frozen=True)
class Words:
    """What the shopper reads and presses, in her language."""

    shopper: Persona
    greeting: str
    catalogue: str
    product_list: str
    choose_size: str
    how_many: str
    added: str
    go_to_cart: str
    cart: str
    checkout: str
    share_number: str
    pickup: str
    skip: str
    check: str
    confirm: str
    placed: re.Pattern[str]
    confirmed: re.Pattern[str]


ENGLISH = Words(
    ENGLISH_SHOPPER,
    "Hello, Emma!",
    "🛍 Catalogue",
    "Choose a product",
    "choose a size",
    "How many would you like?",
    "Added to your cart",
    "🛒 Go to cart",
    "Your cart",
    "✅ Checkout",
    "📱 Share my number",
    "🏬 Pickup",
    "Skip",
    "Is everything right?",
    "✅ Confirm",
    re.compile(r"Order #(\d+) is placed!"),
    re.compile(r"Order #\d+ is confirmed\."),
)
RUSSIAN = Words(
    RUSSIAN_SHOPPER,
    "Здравствуйте, Анна!",
    "🛍 Каталог",
    "Выберите товар",
    "выберите размер",
    "Сколько штук положить в корзину?",
    "Добавлено в корзину",
    "🛒 Перейти в корзину",
    "Ваша корзина",
    "✅ Оформить заказ",
    "📱 Отправить мой номер",
    "🏬 Самовывоз",
    "Пропустить",
    "Проверьте заказ",
    "✅ Подтвердить",
    re.compile(r"Заказ №(\d+) оформлен!"),
    re.compile(r"Заказ №\d+ подтверждён\."),
)

#: The admin persona has not written to the bot yet, so its card may be in the default
#: language: either confirm button will do.
ADMIN_CONFIRM = re.compile(r"^✅ (Confirm|Подтвердить)$")


async def order_and_confirm(chat: ChatPage, words: Words) -> None:
    number = await place_an_order(chat, words)
    await chat.be(ADMIN.user_id)
    card = chat.bot_says(re.compile(rf"(#|№){number}\b"))
    await expect(card).to_be_visible()
    await chat.shot("admin-card")
    await card.locator(".inline button").filter(has_text=ADMIN_CONFIRM).click()
    await expect(card.locator(".inline button").filter(has_text=ADMIN_CONFIRM)).to_have_count(0)
    await chat.shot("admin-confirmed")

    await chat.be(words.shopper.user_id)
    await expect(chat.bot_says(words.confirmed)).to_be_visible()
    await chat.shot("shopper-notified")


async def place_an_order(chat: ChatPage, words: Words) -> str:
    """From /start to a placed order; its number."""
    page = chat.page
    await chat.shot("personas")
    await chat.be(words.shopper.user_id)
    await chat.send("/start")
    await expect(chat.bot_says(words.greeting)).to_be_visible()
    await chat.shot("start")

    await chat.press(words.catalogue)
    await chat.press("Футболки")
    await expect(chat.bot_says(words.product_list)).to_be_visible()
    await chat.shot("catalogue")
    await chat.press(re.compile(r"^Футболка базовая"))
    album = page.locator("#messages .msg.bot .photos.n3").last
    await expect(album.locator("img")).to_have_count(3)
    for image in await album.locator("img").all():
        await expect(image).to_have_js_property("complete", True)
        assert await image.evaluate("img => img.naturalWidth") > 0
    await expect(chat.bot_says(words.choose_size)).to_be_visible()
    await chat.shot("product-album")

    await chat.press("S · белый")
    await expect(chat.bot_says(words.how_many)).to_be_visible()
    await chat.shot("size")
    await chat.press("2")
    await chat.toast(words.added)
    await chat.shot("quantity")
    await chat.press(words.go_to_cart)
    await expect(chat.bot_says(words.cart)).to_be_visible()
    await chat.shot("cart")

    await chat.press(words.checkout)
    await chat.key(words.shopper.first_name)
    await expect(
        page.locator("#keyboard button").filter(has_text=words.share_number)
    ).to_be_visible()
    await chat.shot("checkout-phone")
    await chat.key(words.share_number)
    await expect(page.locator("#messages .msg.me .contact").last).to_have_text(
        f"📱 {words.shopper.phone}"
    )
    await chat.key(words.pickup)
    await chat.key(words.skip)
    await expect(chat.bot_says(words.check)).to_be_visible()
    await chat.shot("checkout-summary")
    await chat.press(words.confirm)
    placed = chat.bot_says(words.placed)
    await expect(placed).to_be_visible()
    await chat.shot("placed")
    found = words.placed.search(await placed.inner_text())
    assert found is not None
    return found.group(1)


async def test_an_english_shopper_orders_on_a_desktop_and_sees_the_admin_confirm_it(
    running_sandbox_chat: WebChat, request: pytest.FixtureRequest
) -> None:
    async with chat_page(
        running_sandbox_chat.url, request.node.name, width=1280, height=800
    ) as chat:
        await order_and_confirm(chat, ENGLISH)
    running_sandbox_chat.telegram.assert_no_handler_errors()


async def test_a_russian_shopper_orders_on_a_phone_and_sees_the_admin_confirm_it(
    running_sandbox_chat: WebChat, request: pytest.FixtureRequest
) -> None:
    async with chat_page(
        running_sandbox_chat.url, request.node.name, width=390, height=844, mobile=True
    ) as chat:
        await order_and_confirm(chat, RUSSIAN)
    running_sandbox_chat.telegram.assert_no_handler_errors()
