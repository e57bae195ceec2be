"""Back in stock: a sold-out size on a product card offers "Notify me"; when its stock
comes back (here: an admin cancels an order), each waiting shopper gets one message in
their language, with a button to the product; a shopper can list and cancel waits."""

from __future__ import annotations

from config import Settings
from fake_telegram import BotMessage, FakeTelegram, SimulatedUser
from models.stock_waits import StockWait
from tests.bot.admin.channel.helpers import russian_order
from tests.bot.checkout.shop import ENGLISH_ADMIN, admin_card, order_of, shop_settings
from tests.bot.shop.shop import add_category, add_product, forged, labels
from tests.fixtures.app import running_bot

NOTICE_EN = "🔔 Back in stock: Basic tee, S. Order it before it is gone!"
NOTICE_RU = "🔔 Снова в наличии: Basic tee, S. Успейте заказать!"


async def sold_out_size(tg: FakeTelegram) -> tuple[int, int, SimulatedUser]:
    """A tee whose size S (one item) a Russian shopper just bought; M is in stock.
    Returns the product id, S's variant id and the shopper. The English admin is known
    to Telegram first, so the order's card reaches them."""
    admin = tg.user(ENGLISH_ADMIN, lang="en", first_name="Ann")
    await admin.send("/start")
    tee = await add_product(
        await add_category("Tees"), "Basic tee", variants=[("S", 1, None), ("M", 3, None)]
    )
    carl = await russian_order(tg, tee.variant_ids[0])
    return tee.id, tee.variant_ids[0], carl


async def wait_for_size(shopper: SimulatedUser, product_id: int, label: str) -> str | None:
    """The shopper opens the product from a deep link and presses its "Notify me"."""
    await shopper.send("/start")
    card = (await shopper.send(f"/start p_{product_id}"))[-1]
    await shopper.press(label, message=card)
    return shopper.last_answer.answer_text if shopper.last_answer else None


async def restock_by_cancelling(tg: FakeTelegram, carl: SimulatedUser) -> None:
    admin = tg.user(ENGLISH_ADMIN)
    order = await order_of(carl)
    card = await admin_card(tg, ENGLISH_ADMIN, f"🆕 New order #{order.id}")
    await admin.press("✖ Cancel order", message=card)
    await admin.press("customer asked")  # the desk asks a reason first


def notices(shopper: SimulatedUser, text: str) -> list[BotMessage]:
    return [message for message in shopper.messages if message.text == text]


async def test_a_restock_tells_each_waiting_shopper_once_in_their_language(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        product_id, _size_s, carl = await sold_out_size(fake_telegram)
        anna = fake_telegram.user(8101, lang="en", first_name="Anna")
        boris = fake_telegram.user(8102, lang="ru", first_name="Борис")
        toast = await wait_for_size(anna, product_id, "🔔 Notify me: S")
        assert toast == "We'll tell you when S is back in stock"
        toast = await wait_for_size(boris, product_id, "🔔 Сообщить о поступлении: S")
        assert toast == "Сообщим, когда S снова появится в наличии"
        await boris.press("🔔 Сообщить о поступлении: S")  # pressed twice: still one wait
        assert boris.last_answer is not None
        assert boris.last_answer.answer_text == "Вы уже ждёте этот размер"
        assert await StockWait.count() == 2

        await restock_by_cancelling(fake_telegram, carl)

        heard_en = await fake_telegram.wait_for_chat(
            fake_telegram.bot_id, anna.id, lambda: notices(anna, NOTICE_EN) or None
        )
        heard_ru = await fake_telegram.wait_for_chat(
            fake_telegram.bot_id, boris.id, lambda: notices(boris, NOTICE_RU) or None
        )
        assert len(heard_en) == len(heard_ru) == 1
        assert heard_en[0].buttons == [["🛍 Open the product"]]
        assert heard_ru[0].buttons == [["🛍 Открыть товар"]]
        card = (await anna.press("🛍 Open the product", message=heard_en[0]))[-1]
        assert card.text.startswith("Basic tee")
        assert "S" in labels(card)  # the size is back among the buttons
        assert len(notices(anna, NOTICE_EN)) == len(notices(boris, NOTICE_RU)) == 1
    # Stopped, the bot has written what it did: both waits are over, none failed.
    waits = await StockWait.select(StockWait.notified_at, StockWait.error)
    assert len(waits) == 2
    assert all(w["notified_at"] is not None and w["error"] is None for w in waits)
    fake_telegram.assert_no_handler_errors()


async def test_a_shopper_cancels_a_wait_and_is_not_told(
    database: Settings, fake_telegram: FakeTelegram
) -> None:
    async with running_bot(shop_settings(database), fake_telegram):
        product_id, _size_s, carl = await sold_out_size(fake_telegram)
        anna = fake_telegram.user(8101, lang="en", first_name="Anna")
        boris = fake_telegram.user(8102, lang="ru", first_name="Борис")
        await wait_for_size(anna, product_id, "🔔 Notify me: S")
        await wait_for_size(boris, product_id, "🔔 Сообщить о поступлении: S")

        [waits] = await anna.send("/waits")
        assert waits.text == ("You are waiting for these to come back. Press one to stop waiting:")
        assert waits.buttons == [["✖ Basic tee, S"], ["☰ Menu"]]
        await anna.press("✖ Basic tee, S")
        assert anna.last_answer is not None
        assert anna.last_answer.answer_text == "You no longer wait for it"
        assert waits.text.startswith("You are not waiting for anything.")
        assert await StockWait.count() == 1

        await restock_by_cancelling(fake_telegram, carl)

        await fake_telegram.wait_for_chat(
            fake_telegram.bot_id, boris.id, lambda: notices(boris, NOTICE_RU) or None
        )
        assert notices(anna, NOTICE_EN) == []
    fake_telegram.assert_no_handler_errors()


async def test_waiting_is_refused_for_a_size_in_stock_and_for_someone_elses_wait(
    sqlite_database: Settings, fake_telegram: FakeTelegram
) -> None:
    settings = shop_settings(sqlite_database)
    async with running_bot(settings, fake_telegram):
        product_id, _size_s, _carl = await sold_out_size(fake_telegram)
        anna = fake_telegram.user(8101, lang="en", first_name="Anna")
        await wait_for_size(anna, product_id, "🔔 Notify me: S")
        [wait_id] = [row["id"] for row in await StockWait.select(StockWait.id)]

        mallory = fake_telegram.user(7001, lang="en", first_name="Mallory")
        await mallory.send("/start")
        size_m = (await add_product(await add_category("Hats"), "Hat")).variant_ids[0]
        await mallory.press_forged(forged(settings, mallory.id, "wait.add", size_m))
        assert mallory.last_answer is not None
        assert mallory.last_answer.answer_text == "This size is in stock now: you can order it"
        await mallory.press_forged(forged(settings, mallory.id, "wait.rm", wait_id))
        assert mallory.last_answer.answer_text is not None
        assert await StockWait.count() == 1  # Anna still waits
        assert await StockWait.count().where(StockWait.telegram_id == mallory.id) == 0
    fake_telegram.assert_no_handler_errors()
